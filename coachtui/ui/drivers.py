"""Textual's terminal and web drivers, reading input through coachtui's InputReader.

Only the input thread differs from Textual's: it decodes, splits pastes and hands typed
joiners over as text (see input_reader.py), and it notices a terminal that has gone away.
Textual's Linux reader, given end-of-file by a closed terminal, went on polling it at full
speed forever: an app left running with no one to see it. Here a lost terminal raises
SIGHUP, as a closed terminal window does, and the app ends as it does on a hangup.
"""

from __future__ import annotations

import os
import selectors
import signal

from textual._xterm_parser import XTermParser
from textual.drivers._byte_stream import ByteStream
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver, _ExitInput

from coachtui.ui.input_reader import InputReader

READ_SIZE = 4096


def terminal_lost() -> None:
    """The terminal closed (end of file or an I/O error on it): a hangup, as the kernel
    would send with a controlling terminal."""
    os.kill(os.getpid(), getattr(signal, "SIGHUP", signal.SIGTERM))  # SIGHUP: not on Windows


def report_bug(driver, error: BaseException) -> None:
    """A bug while reading input ends the app through its own crash report (no message,
    so none of what was typed), with status 1. Textual's panic quoted the exception and
    exited 0."""
    driver._app.call_later(driver._app._handle_exception, error)


class CoachTerminalDriver(LinuxDriver):
    def _run_input_thread(self) -> None:
        try:
            self.run_input_thread()
        except BaseException as error:  # noqa: BLE001 - reported, never swallowed
            report_bug(self, error)

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()  # Textual's choice: it works with macOS ttys
        selector.register(self.fileno, selectors.EVENT_READ)
        reader = InputReader(XTermParser(self._debug))
        try:
            while not self.exit_event.is_set():
                if not self._read_once(selector, reader):
                    terminal_lost()
                    return
            selector.unregister(self.fileno)
        finally:
            selector.close()

    def _read_once(self, selector: selectors.BaseSelector, reader: InputReader) -> bool:
        """Wait a tenth of a second for input and pass on its events; False once the
        terminal is gone."""
        if selector.select(0.1):
            try:
                data = os.read(self.fileno, READ_SIZE)
            except OSError:  # EIO: the terminal was closed under us
                return False
            if not data:
                return False
            messages = reader.feed(data)
        else:
            messages = reader.idle()
        for message in messages:
            self.process_message(message)
        return True


class CoachWebDriver(WebDriver):
    """The driver `coachtui serve` runs each browser's app with: the same input rules."""

    def start_application_mode(self) -> None:
        super().start_application_mode()
        if os.name != "posix":
            return  # Textual's driver puts in no signal handler there
        # Textual's web driver ends the app at once on SIGINT. A browser's app ignores it
        # (see shutdown.quit_signals: the server stops its sessions in order), so the
        # handler the driver just put in its place is taken out again.
        import asyncio

        from coachtui.ui.shutdown import QUIT_SIGNALS, quit_signals

        loop = asyncio.get_running_loop()
        for number in QUIT_SIGNALS - quit_signals():
            loop.remove_signal_handler(number)
            signal.signal(number, signal.SIG_IGN)

    def run_input_thread(self) -> None:
        input_reader = self._input_reader
        reader = InputReader(XTermParser(debug=self._debug))
        byte_stream = ByteStream()
        try:
            for data in input_reader:
                messages = []
                if data:
                    for packet_type, payload in byte_stream.feed(data):
                        if packet_type == "D":  # what the browser's keyboard typed
                            messages.extend(reader.feed(payload))
                        else:
                            self._on_meta(packet_type, payload)
                else:
                    messages = reader.idle()
                for message in messages:
                    self.process_message(message)
            if not self.exit_event.is_set():
                terminal_lost()  # the server closed our input
        except _ExitInput:
            pass
        except Exception as error:  # noqa: BLE001 - reported, never swallowed
            report_bug(self, error)
        finally:
            input_reader.close()
