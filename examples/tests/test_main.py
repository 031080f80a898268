from pathlib import Path

import yaml


def test_settings_have_a_greeting():
    settings = yaml.safe_load((Path(__file__).parent.parent / "config" / "settings.yaml").read_text())
    assert settings["greeting"]
