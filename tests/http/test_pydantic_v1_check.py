"""FastAPI still refuses a route that uses a pydantic.v1 model, once pydantic.v1 has been imported."""

import warnings

import pytest
from fastapi import APIRouter
from fastapi.exceptions import PydanticV1NotSupportedError
from pydantic import BaseModel

import app.http.pydantic_v1_check  # noqa: F401


def test_a_route_with_a_pydantic_v1_model_is_still_refused():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pydantic import v1

    class Old(v1.BaseModel):
        name: str

    router = APIRouter()
    with pytest.raises(PydanticV1NotSupportedError):
        @router.post("/old")
        def old(body: Old) -> None: ...


def test_a_route_with_a_pydantic_model_is_made():
    class New(BaseModel):
        name: str

    router = APIRouter()

    @router.post("/new")
    def new(body: New) -> None: ...

    assert [route.path for route in router.routes] == ["/new"]
