"""Importing a form export into a meeting, from the keyboard: pick the file (the path field
completes names), see how it was read (encoding, delimiter, preset) and where each column
goes, set any column's field, choose what new registrations are imported as (pending, or a
pre-approved list as confirmed), see the dry run with every row that is not plainly new and
its reason, decide the likely duplicates, then import, after saying yes: all accepted rows,
or none. Leaving with decisions made asks first.

Everything it does goes through `planner.registrations.intake.importing`, the same functions
as `planner registrations import`, in workers; reading and writing a large file show their
progress.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Header, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from planner.model import Meeting
from planner.model import RegistrationStatus as Status
from planner.registrations.intake import importing
from planner.registrations.intake.fields import Target
from planner.registrations.intake.mapping import Origin
from planner.registrations.intake.plan import Decision, ImportPlan, Verdict
from planner.registrations.intake.report import apply_question, counts_line, how_read
from planner.registrations.status import ADDED_AS
from planner.registrations.wording import status_label
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.screens.confirm import ConfirmScreen, when_yes
from planner.tui.screens.dialog import Dialog
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import run_work, show_text
from planner.words import say

DECISIONS = (Decision.SEPARATE, Decision.SAME, Decision.SKIP)


class PathSuggester(Suggester):
    """Completes a path as it is typed: the first file or folder in the folder typed so far
    whose name starts with what follows the last '/'. A folder ends in '/'."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(os.path.expanduser(value))
        folder, start = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(
                entry.name for entry in os.scandir(folder) if not entry.name.startswith(".")
            )
        except OSError:
            return None
        for name in names:
            if name.startswith(start) and name != start:
                suffix = "/" if (folder / name).is_dir() else ""
                return value + name[len(start) :] + suffix
        return None


class ReadProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ImportScreen(PlannerScreen):
    SCOPE = actions.INTAKE
    CSS_PATH = "import_wizard.tcss"
    AUTO_FOCUS = "#path"

    def __init__(self, slug: str, path: str = "") -> None:
        super().__init__()
        self.slug = slug
        self.start_path = path
        self.prepared: importing.Prepared | None = None
        self.plan: ImportPlan | None = None
        self.decisions: dict[int, Decision] = {}
        self.status = Status.PENDING
        """What new registrations are imported as (`s` changes it)."""
        self.meeting: Meeting | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(self.start_path, id="path", suggester=PathSuggester())
        yield Static("", id="read", classes="facts")
        with Vertical(id="panes"):
            yield VirtualTable(id="columns")
            yield VirtualTable(id="rows")
        yield ProgressBar(id="progress", show_eta=False)
        yield Static("", id="counts", classes="heading")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#path", Input).placeholder = self.word("intake_wizard", "path_hint")
        self.query_one("#progress").display = False
        self.show_columns()
        self.show_rows()
        workspace, slug = self.app.workspace, self.slug
        run_work(self, lambda: workspace.get_meeting(slug).meeting, self.got_meeting)
        if self.start_path:
            self.load(self.start_path)

    def got_meeting(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.sub_title = meeting.text(meeting.title, self.app.language or meeting.language)

    def language_changed(self) -> None:
        super().language_changed()
        self.show_columns()
        self.show_rows()

    # -- reading the file ----------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path" and event.value.strip():
            self.load(event.value.strip())

    def load(self, typed: str) -> None:
        path = Path(os.path.expanduser(typed))
        workspace, slug, status = self.app.workspace, self.slug, self.status
        self.plan = None
        self.decisions = {}
        self.show_text("#read", self.word("ui", "loading"))
        self.start_progress()
        run_work(
            self,
            lambda: self.dry_run(
                importing.prepare(workspace, slug, path, status=status, progress=self.tell_progress)
            ),
            self.loaded,
            failed=self.refused,
            group="import",
            exclusive=True,
        )

    def start_progress(self) -> None:
        """The bar shown, moving until the work says how far it has got."""
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True

    def tell_progress(self, done: int, total: int) -> None:
        """From the worker: a message, never the widget itself."""
        self.post_message(ReadProgress(done, total))

    def on_read_progress(self, message: ReadProgress) -> None:
        self.query_one("#progress", ProgressBar).update(total=message.total, progress=message.done)

    def dry_run(self, prepared: importing.Prepared) -> tuple[importing.Prepared, ImportPlan]:
        """In the worker: the plan for what is read, with the decisions made so far."""
        plan = importing.dry_run(self.app.workspace, self.slug, prepared, self.decisions)
        return prepared, plan

    def loaded(self, result: tuple[importing.Prepared, ImportPlan]) -> None:
        self.prepared, self.plan = result
        self.status = self.prepared.mapping.status
        self.query_one("#progress").display = False
        self.show_text("#read", how_read(self.prepared.table, self.plan))
        self.show_columns()
        self.show_rows()
        self.query_one("#columns").focus()

    def refused(self, error: Exception) -> None:
        self.query_one("#progress").display = False
        self.show_text("#read", str(error))
        self.query_one("#path").focus()

    def show_text(self, selector: str, text: str) -> None:
        show_text(self.query_one(selector, Static), Text(text))

    # -- what is shown -------------------------------------------------------------------

    def show_columns(self) -> None:
        table = self.query_one("#columns", VirtualTable)
        table.set_columns(
            [
                Column("header", self.word("intake_wizard", "column")),
                Column("target", self.word("intake_wizard", "field")),
                Column("origin", self.word("intake_wizard", "why")),
            ]
        )
        columns = self.prepared.mapping.columns if self.prepared else ()
        table.set_rows(
            [
                TableRow(
                    str(column.index),
                    [
                        Text(column.header),
                        say(f"intake_target.{column.target.value}"),
                        say(f"intake_origin.{column.origin.value}"),
                    ],
                    style="dim" if column.target == Target.IGNORE else "",
                )
                for column in columns
            ],
            keep=table.current_key,
        )

    def show_rows(self) -> None:
        table = self.query_one("#rows", VirtualTable)
        table.set_columns(
            [
                Column("row", self.word("intake_wizard", "row"), justify="right"),
                Column("verdict", self.word("intake_wizard", "dry_run")),
                Column("why", self.word("intake_wizard", "reason")),
            ]
        )
        plan = self.plan
        rows: list[TableRow] = []
        if plan is not None:
            rows += [self.likely_row(plan, likely) for likely in plan.likely]
            for row in plan.rows:
                plain = row.verdict == Verdict.NEW and row.reason is None
                if plain or row.verdict == Verdict.UNCHANGED:
                    continue
                where = f"{row.column}: " if row.column else ""
                verdict = say(f"intake_verdict.{row.verdict.value}")
                if row.verdict == Verdict.NEW and row.registration is not None:
                    verdict += f" → {status_label(row.registration.status)}"
                cells = [str(row.row), verdict,
                         Text(where + (str(row.reason) if row.reason else ""))]  # fmt: skip
                style = "red" if row.verdict == Verdict.REJECTED else ""
                rows.append(TableRow(f"row-{row.row}", cells, style))
            self.show_text("#counts", counts_line(plan) + self.waiting(plan))
        else:
            self.show_text("#counts", "")
        table.set_rows(rows, keep=table.current_key)

    def likely_row(self, plan: ImportPlan, likely) -> TableRow:
        """Two lines: the row, and who it is like; with the decision once made."""
        decision = plan.decisions.get(likely.row)
        other = (
            say("intake_report.registered", name=likely.other_name, email=likely.other_email)
            if likely.held is not None
            else f"{say('intake_report.row', row=likely.other_row)}: {likely.other_name} "
            f"<{likely.other_email}>"
        )
        decided = say(f"intake_report.{decision.value}") if decision else "?"
        verdict = f"{self.word('intake_wizard', 'likely')}\n→ {decided}"
        text = f"{likely.name} <{likely.email}>, {likely.organisation}\n≈ {other}"
        cells = [str(likely.row), verdict, Text(text)]
        return TableRow(f"likely-{likely.row}", cells, "" if decision else "bold yellow")

    def waiting(self, plan: ImportPlan) -> str:
        imported_as = say("intake_report.imported_as", status=status_label(self.status))
        undecided = len(plan.undecided)
        if undecided:
            decide = self.app.get_key_display_for("intake.decide")
            return f" · {imported_as}\n" + say(
                "intake_wizard.undecided", count=undecided, key=decide
            )
        return f" · {imported_as}\n" + self.word(
            "intake_wizard", "ready", press=self.app.get_key_display_for("intake.apply")
        )

    # -- changing what is read -----------------------------------------------------------

    def action_field(self) -> None:
        table = self.query_one("#columns", VirtualTable)
        if self.prepared is None or table.current_key is None:
            return
        index = int(table.current_key)
        column = self.prepared.mapping.columns[index]
        self.app.push_screen(
            FieldPicker(column.header, column.target), lambda target: self.set_field(index, target)
        )

    def set_field(self, index: int, target: Target | None) -> None:
        if target is None or self.prepared is None:
            return
        prepared = self.prepared
        mapping = prepared.mapping.with_target(index, target)
        workspace, slug = self.app.workspace, self.slug

        def job():
            meeting = workspace.get_meeting(slug).meeting
            remapped = importing.remapped(prepared, meeting, mapping, progress=self.tell_progress)
            return self.dry_run(remapped)

        run_work(self, job, self.loaded, failed=self.refused, group="import", exclusive=True)

    def action_decide(self) -> None:
        """The highlighted likely duplicate: someone else, then the same person, then skip."""
        key = self.query_one("#rows", VirtualTable).current_key
        if self.prepared is None or not key or not key.startswith("likely-"):
            return
        row = int(key.removeprefix("likely-"))
        current = self.decisions.get(row)
        self.decisions[row] = (
            DECISIONS[(DECISIONS.index(current) + 1) % 3] if current else DECISIONS[0]
        )
        prepared = self.prepared
        run_work(self, lambda: self.dry_run(prepared), self.decided, group="import", exclusive=True)

    def decided(self, result: tuple[importing.Prepared, ImportPlan]) -> None:
        self.prepared, self.plan = result
        self.show_rows()

    def action_status(self) -> None:
        """What new registrations are imported as: pending, invited, confirmed, waitlisted
        in turn; the dry run made again (confirmed takes only the places free)."""
        self.status = ADDED_AS[(ADDED_AS.index(self.status) + 1) % len(ADDED_AS)]
        if self.prepared is None:
            return
        prepared = replace(self.prepared, mapping=self.prepared.mapping.with_status(self.status))
        run_work(self, lambda: self.dry_run(prepared), self.decided, group="import",
                 exclusive=True)  # fmt: skip

    def action_save_mapping(self) -> None:
        if self.prepared is None:
            return
        self.app.push_screen(
            NamePrompt(self.word("intake_wizard", "mapping_name")), self.save_mapping
        )

    def save_mapping(self, name: str | None) -> None:
        if not name or self.prepared is None:
            return
        mapping = self.prepared.mapping
        workspace = self.app.workspace
        run_work(
            self,
            lambda: workspace.save_mapping(
                name,
                mapping.saved_form(),
                mapping.preset,
                status=mapping.status.value,
                replace=True,
            ),
            lambda _: self.app.notify(say("intake_report.saved_mapping", name=name)),
        )

    # -- importing -------------------------------------------------------------------------

    def action_apply(self) -> None:
        """Import, after saying yes to what the dry run says it will do."""
        if self.prepared is None or self.plan is None:
            return
        if self.plan.undecided:
            self.app.notify(
                say(
                    "intake_wizard.undecided",
                    count=len(self.plan.undecided),
                    key=self.app.get_key_display_for("intake.decide"),
                ),
                severity="warning",
            )
            return
        if not self.plan.changes_anything:
            self.app.notify(self.word("intake_wizard", "nothing_to_import"), severity="warning")
            return
        meeting = self.meeting
        title = meeting.text(meeting.title, self.app.language) if meeting else self.slug
        question = apply_question(self.plan, title)
        self.app.push_screen(ConfirmScreen(question), when_yes(self.apply))

    def apply(self) -> None:
        assert self.prepared is not None and self.plan is not None
        prepared, plan, decisions = self.prepared, self.plan, dict(self.decisions)
        workspace, slug = self.app.workspace, self.slug
        self.start_progress()
        run_work(
            self,
            lambda: importing.apply(
                workspace, slug, prepared, decisions, approved=plan, progress=self.tell_progress
            ),
            self.applied,
            failed=self.refused,
            group="import",
            exclusive=True,
        )

    def applied(self, plan: ImportPlan) -> None:
        self.query_one("#progress").display = False
        counts = plan.counts
        self.app.notify(
            say(
                "intake_report.imported",
                slug=self.slug,
                new=counts["new"],
                updated=counts["updated"],
            )
        )
        self.dismiss(True)

    def action_back(self) -> None:
        """Leave; asked first when likely duplicates were decided or columns set by hand
        (what was decided would be lost)."""
        if not self.decided_anything():
            self.dismiss(False)
            return
        question = ConfirmScreen(self.word("intake_wizard", "leave_undecided"))
        self.app.push_screen(question, when_yes(lambda: self.dismiss(False)))

    def decided_anything(self) -> bool:
        chosen = self.prepared is not None and any(
            column.origin == Origin.CHOSEN for column in self.prepared.mapping.columns
        )
        return bool(self.decisions) or chosen


class FieldPicker(Dialog):
    """Which field a column fills: dismissed with the Target, or None."""

    def __init__(self, header: str, current: Target) -> None:
        super().__init__()
        self.header = header
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.header), classes="heading")
            yield OptionList(
                *(
                    Option(say(f"intake_target.{target.value}"), id=target.value)
                    for target in Target
                ),
                id="fields",
            )

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#fields", OptionList)
        options.highlighted = list(Target).index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(Target(event.option.id))

    def action_save(self) -> None:
        options = self.query_one("#fields", OptionList)
        if options.highlighted is not None:
            self.dismiss(list(Target)[options.highlighted])


class NamePrompt(Dialog):
    """One line of text, such as a name to save under: dismissed with it, or None."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question), classes="heading")
            yield Input(id="name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        value = self.query_one("#name", Input).value.strip()
        self.dismiss(value or None)
