"""The log never holds what a record says, and stays small."""

from __future__ import annotations

import logging

import pytest

from linkadviser.applog import KEPT_FILES, MAX_BYTES, configure_logging, log_path


@pytest.fixture(autouse=True)
def no_handlers_left_behind():
    before = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_an_unexpected_error_is_logged_with_its_place_but_not_its_words(home):
    path = configure_logging()
    assert path == log_path() and path.parent == home / "logs"
    recorded = "Objective 2: the headteacher's confidential pay objective"
    try:
        raise ValueError(recorded)
    except ValueError as exc:
        logging.getLogger("linkadviser.ui.ops").error("unexpected error in an action",
                                                      exc_info=exc)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text()
    assert "ValueError (message withheld" in text
    assert "test_applog.py" in text  # where it happened
    assert "confidential" not in text and "Objective 2" not in text


def test_the_log_rotates_and_is_set_up_once(home):
    path = configure_logging()
    configure_logging()
    handlers = [h for h in logging.getLogger().handlers
                if getattr(h, "baseFilename", None) == str(path)]
    assert len(handlers) == 1
    assert (handlers[0].maxBytes, handlers[0].backupCount) == (MAX_BYTES, KEPT_FILES)
