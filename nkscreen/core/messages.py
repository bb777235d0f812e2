"""Messages as an id with parameters, so the UI can translate what the core says.

The core never builds finished sentences for the user: it returns a :class:`Message`; the CLI
and the records render it with the English template below (``str(message)``: a record's
stored reasons never depend on a window's language), while the window and the printout render
it in their language with :func:`nkscreen.core.localize.render_message` (the same ids and
placeholders, Chinese in :mod:`nkscreen.core.messages_zh`). Parameters are already formatted
for display (decimals, units, dates), so a translation only reorders them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

TEMPLATES: dict[str, str] = {
    # --- validation -----------------------------------------------------------------------
    "invalid.unknown_field": "unknown field id{hint}",
    "invalid.not_a_number": "{value} is not a number",
    "invalid.not_an_integer": "{value} is not a whole number",
    "invalid.number_extreme": "{value} is not a plain decimal a person would type (at most 40 "
    "digits, between 10^-30 and 10^30)",
    "invalid.not_text": "{value} is not text",
    "invalid.text_pattern": "{value} is not valid: {rule}",
    "invalid.not_yes_no": "{value} is not an answer: use yes or no",
    "invalid.not_a_choice": "{value} is not one of: {choices}",
    "invalid.not_a_date": "{value} is not a date: use YYYY-MM-DD",
    "invalid.not_an_exposure": "{value} is not valid: use a date YYYY-MM-DD, none or ongoing",
    "invalid.below_min": "{value} {unit} is below the valid range ({range})",
    "invalid.above_max": "{value} {unit} is above the valid range ({range})",
    "invalid.unit_required": "choose the unit ({choices})",
    "invalid.unit_missing": "choose the unit ({choices})",
    "invalid.wrong_unit": "{value} {unit} is outside the valid range ({range}): did you mean "
    "{other}?",
    "invalid.after_date": "{value} is after the {other_label} ({other})",
    "invalid.too_old": "{value} gives an age of {years} years, more than {limit}",
    "invalid.contradiction": "{label} = {value} contradicts {other_label} = {other_value}",
    "invalid.not_a_list": "{value} is not a list of agents ([] when none)",
    "invalid.agent_not_object": "item {index}: is not an object with agent and last_dose",
    "invalid.agent_unknown_key": "item {index}: unknown key {key!r}",
    "invalid.agent_name": "item {index}: the agent's name is required",
    "invalid.agent_last_dose": "item {index}: last_dose {value} must be a date YYYY-MM-DD "
    "or ongoing",
    "invalid.agent_last_dose_after": "item {index}: last dose {value} is after the "
    "{other_label} ({other})",
    "invalid.agent_half_life": "item {index}: half_life_hours {value} must be a number "
    "> 0 and <= 8760",
    # --- explanations of rule leaves --------------------------------------------------------
    "rule.missing": "{label}: not answered",
    "rule.problem": "{label}: {problem}",
    "rule.not_applicable": "does not apply: {reason}",
    "rule.equals": "{label}: {answer}",
    "rule.compare": "{label} {value} {unit} {relation} {limit} {unit}",
    "rule.uln": "{label} {value} {unit} / ULN {uln} = {multiple} × ULN {relation} {limit} × "
    "(limit {absolute})",
    "rule.criterion": "{id} {status}: {evidence}",
    "rule.exposure_none": "{label}: none",
    "rule.exposure_ongoing": "{label}: ongoing, inside the {window} window",
    "rule.exposure_within": "{label}: {date}, {days} days before {reference}, inside the "
    "{window} window",
    "rule.exposure_outside": "{label}: {date}, {days} days before {reference}, outside the "
    "{window} window",
    "rule.agents_none": "{label}: none",
    "rule.agent_ongoing": "{agent}: ongoing, inside its {window} window",
    "rule.agent_within": "{agent}: last dose {date}, {days} days before {reference}, inside its "
    "{window} window",
    "rule.agent_outside": "{agent}: last dose {date}, {days} days before {reference}, outside its "
    "{window} window",
    "rule.crcl_missing": "{label}: cannot be measured or calculated yet",
    "derived.earliest_ongoing": "no date can be planned while {what} is ongoing",
    "derived.earliest_none_dated": "no exposure is dated: nothing to wait for",
    "derived.clearance_given": "measured: {value} mL/min",
    "derived.crcl_cockcroft_gault": "Cockcroft-Gault: (140 - {age} years) × {weight} kg{female} / "
    "(72 × {serum} {unit}) = {value} mL/min",
    # --- results --------------------------------------------------------------------------
    "reason.criterion": "{id}: {label} - {status}: {evidence}",
    "warning.stale_evidence": "{label} {date} is {days} days before the assessment "
    "(site limit {limit} days)",
    # --- a record's protocol ---------------------------------------------------------------
    "protocol.changed": "The protocol file of {protocol} has changed since this record was "
    "made (sha256 {then}... then, {now}... now): the criteria shown are re-evaluated with the "
    "file installed now.",
    "protocol.version_missing": "The protocol version this record was made with ({protocol}, "
    "{version}) is not installed: the criteria shown are re-evaluated with version "
    "{installed}.",
    "protocol.missing": "The protocol of this record ({protocol}, {version}) is not "
    "installed: add its file to the site's protocols folder to see its criteria.",
    # --- case files ---------------------------------------------------------------------
    "case.unreadable": "cannot read the case file: {detail}",
    "case.not_json": "the case file is not valid JSON: {detail}",
    "case.not_object": "the case file must be a JSON object with protocol and answers",
    "case.no_protocol": 'the case file names no "protocol"',
    "case.unknown_protocol": "unknown protocol {protocol!r} (this program knows: {known})",
    "case.unknown_version": "protocol {protocol} version {version!r} is not installed "
    "(installed: {known})",
    "case.bad_version": 'the case file\'s "protocol_version" must be text',
    "case.lone_surrogate": "{where}: the text holds a lone surrogate escape (\\ud800-\\udfff), "
    "which is not a character",
    "case.no_answers": 'the case file has no "answers" object',
    # --- cases from an EDC (a REDCap row, a FHIR QuestionnaireResponse) -------------------
    "import.not_text": "the file is not UTF-8 text: {detail}",
    "import.not_recognised": "the file is not a case file (JSON), a FHIR QuestionnaireResponse "
    "or a REDCap file exported by nkscreen (it has no nks_protocol column)",
    "import.not_csv": "the file cannot be read as CSV: {detail}",
    "import.redcap_empty": "the REDCap file holds no rows",
    "import.redcap_unknown_column": "column {column} is not a variable of protocol {protocol}",
    "import.redcap_row": "row {row}: {detail}",
    "import.fhir_not_response": "the FHIR file holds a {kind}, not a QuestionnaireResponse (or "
    "a Bundle of them)",
    "import.fhir_no_response": "the FHIR Bundle holds no QuestionnaireResponse",
    "import.fhir_unknown_questionnaire": "the QuestionnaireResponse answers {questionnaire}, "
    "not a questionnaire exported by nkscreen",
    "import.fhir_answer": "item {link_id}: {detail}",
}


class Evidence(tuple["Message", ...]):
    """Messages cited inside another message; rendered (joined) only when shown.

    Evaluation runs on every keystroke, so nothing is turned into text until someone reads it.
    """

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return "; ".join(str(m) for m in self)


class Message(NamedTuple):
    """A translatable message: a template id with display-ready parameters.

    A named tuple rather than a frozen dataclass: the engine makes dozens per keystroke, and
    a tuple is several times cheaper to create. ``params`` is never mutated.
    """

    id: str
    params: dict[str, Any] = {}  # noqa: RUF012 - shared default is never mutated

    def render(self, template: str | None = None) -> str:
        """English text (or ``template``, a translation of the template, if given)."""
        text = template if template is not None else TEMPLATES[self.id]
        # Empty parameters (a dimensionless unit) must not leave double spaces behind.
        return " ".join(text.format(**self.params).split())

    def __str__(self) -> str:
        return self.render()
