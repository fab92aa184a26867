"""FastAPI's check that no route uses a pydantic.v1 model, answered without importing pydantic.v1 when nothing has."""

import sys

from fastapi._compat import shared

_is_pydantic_v1_model_class = shared.is_pydantic_v1_model_class


def is_pydantic_v1_model_class(cls) -> bool:
    # FastAPI asks this of every route parameter's type, and imports pydantic.v1 (a second pydantic: a twentieth of a
    # worker's start) to ask it. A class can only be a pydantic.v1 model once pydantic.v1 has been imported; until
    # then the answer is no without importing it. Once imported, FastAPI's own check answers.
    return "pydantic.v1" in sys.modules and _is_pydantic_v1_model_class(cls)


# annotation_is_pydantic_v1 (fastapi/_compat/shared.py), which route building calls, looks the check up here.
shared.is_pydantic_v1_model_class = is_pydantic_v1_model_class
