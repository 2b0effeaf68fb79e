"""A language model served on the intranet behind an OpenAI-compatible API (vLLM, Ollama,
Xinference, LMDeploy ...). Nothing else is ever contacted; with no LINGJI_LLM_BASE_URL there
is no model and Lingji answers with its own parser."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from lingji.settings import Settings


class ModelUnavailable(RuntimeError):
    """Raised if the model server cannot be reached, times out or answers nonsense."""


class LanguageModel(Protocol):
    def complete(self, system: str, user: str) -> str:
        """The model's reply to one system and one user message."""
        ...


@dataclass(frozen=True, slots=True)
class OpenAICompatibleModel:
    base_url: str
    model: str
    api_key: str = ""
    timeout_seconds: float = 20.0

    def complete(self, system: str, user: str) -> str:
        body = json.dumps(
            {
                "model": self.model,
                "temperature": 0,
                "messages": [
                    {"role": "system", "content": system},
                    {"role": "user", "content": user},
                ],
            },
            ensure_ascii=False,
        ).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            f"{self.base_url.rstrip('/')}/chat/completions", data=body, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                reply = json.loads(response.read().decode("utf-8"))
            return str(reply["choices"][0]["message"]["content"])
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise ModelUnavailable(f"模型服务不可用：{error}") from None
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise ModelUnavailable(f"模型服务的回复无法读取：{error}") from None


def language_model(settings: Settings) -> LanguageModel | None:
    """The configured model, or None when LINGJI_LLM_BASE_URL is empty."""
    if not settings.llm_base_url:
        return None
    return OpenAICompatibleModel(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_seconds=settings.llm_timeout_seconds,
    )
