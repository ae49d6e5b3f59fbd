"""What is logged while a result is made: a result whose making logged anything (a warning of
any logger: MkDocs', a Markdown extension's, the portal's) is not kept between builds, so that the
next build says it again (`markdown_render`, `page_cache`)."""

from __future__ import annotations

import logging


class LogCounter(logging.Handler):
    """Counts what is logged, through any logger, while it listens (`listening`)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.count = 0
        self._tops: list[logging.Logger] = []
        self._known = -1

    def emit(self, record):
        self.count += 1
        # Listening must not change what is shown: a record that reaches no other handler is
        # printed by Python's last resort (warnings and errors to stderr), as without us.
        last_resort = logging.lastResort
        if last_resort is not None and record.levelno >= last_resort.level and self._alone_on_the_way(record):
            last_resort.handle(record)

    def _alone_on_the_way(self, record) -> bool:
        """Whether the record met no handler but this one (Python's `Logger.callHandlers`)."""
        logger = logging.Logger.manager.loggerDict.get(record.name)
        logger = logger if isinstance(logger, logging.Logger) else logging.getLogger()
        while logger is not None:
            if any(handler is not self for handler in logger.handlers):
                return False
            if not logger.propagate:
                break
            logger = logger.parent
        return True

    def _listen_at(self) -> list[logging.Logger]:
        """The root logger and every logger that does not pass records up (MkDocs' `mkdocs`
        does not): a record of any logger reaches exactly one of them."""
        loggers = logging.Logger.manager.loggerDict
        if len(loggers) != self._known:
            self._known = len(loggers)
            self._tops = [logging.getLogger()] + [logger for logger in list(loggers.values())
                                                  if isinstance(logger, logging.Logger) and not logger.propagate]
        return self._tops

    def listening(self):
        counter = self

        class Listening:
            def __enter__(self):
                counter.count = 0
                self.tops = counter._listen_at()
                for logger in self.tops:
                    logger.addHandler(counter)
                return counter

            def __exit__(self, *exc):
                for logger in self.tops:
                    logger.removeHandler(counter)

        return Listening()
