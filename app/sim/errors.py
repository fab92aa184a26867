"""The one error the simulator raises: a parameter it (or Kubernetes) would reject."""

from __future__ import annotations


class SimulationError(ValueError):
    """A rejected parameter, naming it, with the reason in Korean and English."""

    def __init__(self, param: str, message: str, message_ko: str | None = None,
                 related: dict[str, tuple[str, str]] | None = None) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message
        self.message_ko = message_ko or message
        # A rule across parameters (max ≥ min) is refused on each of them: either one may be the one to change.
        self.related = related or {}

    def text(self, lang: str) -> str:
        """Return the reason in the requested language ("ko" or "en")."""
        return self.message_ko if lang == "ko" else self.message

    def by_param(self, lang: str) -> dict[str, str]:
        """Every parameter the refusal concerns, with the reason in the requested language."""
        found = {self.param: self.text(lang)}
        for param, (message, message_ko) in self.related.items():
            found[param] = message_ko if lang == "ko" else message
        return found

    def to_dict(self) -> dict[str, str]:
        """Return the error as plain data: the parameter and the reason in both languages."""
        return {"param": self.param, "message": self.message, "message_ko": self.message_ko}
