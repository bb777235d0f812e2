<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentListEditor</name>
    <message>
        <source>None given in the 14 days before infusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last dose (date or ongoing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half-life (h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: %s
Your saved assessments are not affected. Please tell your nkscreen administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>Verdict:</source>
        <extracomment>The row&apos;s widgets, hidden with ``label`` when the question does not apply.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criteria and their status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page (Alt+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page (Alt+N or Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol text, verbatim from the trial registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol text for %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses answers given earlier: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ULN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiple</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ratio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary and verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %d of %d: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file has answers this protocol does not know: %s. They are kept and block saving until the file is corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site default for this sex (%s). Check against the lab report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole years on the assessment date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cockcroft-Gault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x ULN, limit %s x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABOVE LIMIT</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoiceButtons</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the date from a calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar for %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never given (or not in the look-back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still being given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Import case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About nkscreen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>New assessment (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import case file… (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent assessments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved records appear here once records are enabled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Site settings could not be read (%s); example ranges are in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import case file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the criteria &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter in a field: next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About nkscreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot import the case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is for protocol %s; this window screens for %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nkscreen %s
Offline eligibility screening for %s.
Protocol file sha256: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source of the ULN values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upper limits of normal (pre-filled in each assessment, editable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ratio)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence older than this before the assessment gives a warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s): %r is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%s): must be above 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %s: %s. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ELIGIBLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT ELIGIBLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCOMPLETE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary and verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons: not eligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid answers (fix before saving)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key values</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitCombo</name>
    <message>
        <source>unit?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>unknown field id{hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not valid: {rule}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not an answer: use yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not one of: {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a date: use YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not valid: use a date YYYY-MM-DD, none or ongoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} {unit} is below the valid range ({range})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} {unit} is above the valid range ({range})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unit is required when {fields} is given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is after the {other_label} ({other})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} gives an age of {years} years, more than {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} = {value} contradicts {other_label} = {other_value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value!r} is not a list of agents ([] when none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item {index}: is not an object with agent and last_dose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item {index}: unknown key {key!r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item {index}: the agent&apos;s name is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item {index}: last_dose {value!r} must be a date YYYY-MM-DD or ongoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item {index}: last dose {value} is after the planned infusion date ({other})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item {index}: half_life_hours {value!r} must be a number &gt; 0 and &lt;= 8760</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not apply: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} {value} {unit} {relation} {limit} {unit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} {value} {unit} / ULN {uln} = {multiple} x ULN {relation} {limit} x (limit {absolute})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{id} {status}: {evidence}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: ongoing, inside the {window} window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {date}, {days} days before infusion, inside the {window} window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {date}, {days} days before infusion, outside the {window} window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{agent}: ongoing, inside its {window} window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{agent}: last dose {date}, {days} days before infusion, inside its {window} window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{agent}: last dose {date}, {days} days before infusion, outside its {window} window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: cannot be measured or calculated yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured: {value} mL/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cockcroft-Gault: (140 - {age} years) x {weight} kg{female} / (72 x {creatinine} {unit}) = {value} mL/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{id}: {label} - {status}: {evidence}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} {date} is {days} days before the assessment (site limit {limit} days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the case file: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the case file is not valid JSON: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the case file must be a JSON object with protocol and answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the case file names no &quot;protocol&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown protocol {protocol!r} (this program knows: {known})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the case file has no &quot;answers&quot; object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
