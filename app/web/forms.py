"""Inputs of the GET forms (calculators, what-if runs) read from the query string, each bounded in length."""

from fastapi import HTTPException, Request

from app.http import query_names

# No valid input of these forms is longer (a duration such as "5m" or a number); anything longer is refused
# before it reaches a parser.
MAX_INPUT = 40


def bounded_inputs(request: Request, names) -> dict[str, str]:
    """The named query parameters that are present; 400 naming every one longer than MAX_INPUT characters."""
    query_names.note_read(request, names)  # the render cache keys on them
    values = {name: request.query_params[name] for name in names if name in request.query_params}
    too_long = [name for name, value in values.items() if len(value) > MAX_INPUT]
    if too_long:
        raise HTTPException(400, f"longer than {MAX_INPUT} characters: {', '.join(too_long)}")
    return values
