"""A response leaves in one write: what the server's protocol writes in one step of the event loop goes out together,
and closing, aborting and large streams behave as with the transport alone."""

import asyncio

from app.http.header_deadline import WRITE_THROUGH_BYTES, OneWritePerStep


class Transport:
    """What a socket's transport was asked to do, in order."""

    def __init__(self):
        self.calls = []
        self.closing = False

    def write(self, data):
        self.calls.append(("write", data))

    def close(self):
        self.calls.append(("close",))
        self.closing = True

    def abort(self):
        self.calls.append(("abort",))
        self.closing = True

    def is_closing(self):
        return self.closing

    def get_extra_info(self, name):
        return {"peername": ("127.0.0.1", 5000)}.get(name)


def test_the_headers_and_the_body_of_a_response_leave_in_one_write():
    async def respond():
        raw = Transport()
        transport = OneWritePerStep(raw, asyncio.get_running_loop())
        transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n")
        transport.write(b"hello")
        assert raw.calls == []  # held until the step ends
        await asyncio.sleep(0)
        return raw.calls

    assert asyncio.run(respond()) == [("write", b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello")]


def test_close_sends_what_is_held_first_and_abort_drops_it():
    async def run():
        closed, aborted = Transport(), Transport()
        loop = asyncio.get_running_loop()
        one, two = OneWritePerStep(closed, loop), OneWritePerStep(aborted, loop)
        one.write(b"408")
        one.close()
        two.write(b"never")
        two.abort()
        await asyncio.sleep(0)
        return closed.calls, aborted.calls

    closed, aborted = asyncio.run(run())
    assert closed == [("write", b"408"), ("close",)]
    assert aborted == [("abort",)]


def test_a_large_stream_is_written_as_it_grows_and_nothing_is_sent_after_the_connection_ends():
    async def run():
        raw = Transport()
        transport = OneWritePerStep(raw, asyncio.get_running_loop())
        transport.write(b"head")
        transport.write(b"x" * WRITE_THROUGH_BYTES)  # past the limit: written at once, with what was held
        written_at_once = list(raw.calls)
        transport.write(b"tail")
        raw.closing = True  # the client went away before the step ended
        await asyncio.sleep(0)
        return written_at_once, raw.calls

    at_once, calls = asyncio.run(run())
    assert at_once == [("write", b"head" + b"x" * WRITE_THROUGH_BYTES)]
    assert calls == at_once


def test_everything_else_is_the_transports_own():
    transport = OneWritePerStep(Transport(), None)
    assert transport.get_extra_info("peername") == ("127.0.0.1", 5000) and not transport.is_closing()
