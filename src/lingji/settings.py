"""The one Settings object. Nothing else in Lingji reads os.environ."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LINGJI_", env_file=".env", extra="ignore")

    #: folder for the default SQLite database and the key file; created on first use
    data_dir: Path = Path("var")
    #: SQLAlchemy URL of the database; empty means a SQLite file in data_dir
    database_url: str = ""
    #: file holding the SM4 and HMAC-SM3 keys for sensitive fields; empty means data_dir/lingji.key
    key_file: Path | None = None
    #: region name recorded with a budget round when `lingji import` is not given --region
    default_region: str = "本级"
    #: PostgreSQL URL the test suite also runs against; tests skip those runs when unreachable
    test_database_url: str = ""
    #: an OpenAI-compatible model server on the intranet (vLLM, Ollama, Xinference ...), e.g.
    #: http://10.0.0.5:8000/v1; empty means none: 智慧问数 answers with its own parser only
    llm_base_url: str = ""
    #: the model name the server serves (e.g. Qwen2.5-14B-Instruct)
    llm_model: str = ""
    #: API key the server expects, if any
    llm_api_key: str = ""
    #: seconds to wait for the model before answering without it
    llm_timeout_seconds: float = 20.0

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'lingji.db').as_posix()}"

    @property
    def resolved_key_file(self) -> Path:
        return self.key_file if self.key_file is not None else self.data_dir / "lingji.key"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Returns the settings read from the environment and .env."""
    return Settings()
