<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentListEditor</name>
    <message>
        <source>None given</source>
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
        <source>Discard the unknown answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict:</source>
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
        <extracomment>The row&apos;s widgets, hidden with ``label`` when the question does not apply. Fields whose rows are hidden (questions that do not apply): wizard_display.</extracomment>
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
        <source>Fill empty ULNs with the site&apos;s values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site reference ranges for the patient&apos;s sex (Preferences)</source>
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
        <source>site: %s</source>
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
        <source>whole years on the %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>× ULN, limit %s ×</source>
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
    <message>
        <source>Clear answer</source>
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
        <source>Case files, FHIR or REDCap exports (*.json *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft could not be written. Close anyway and lose the unsaved answers?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amend signed record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the amendment (kept in the audit trail):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign an incomplete screening?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The verdict is INCOMPLETE (missing: %s). Sign it as it is?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printout of a signed record names the site where it was made.
Site name (saved in Preferences, asked once):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open screening record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screening records (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About nkscreen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export to REDCap</source>
        <extracomment>Left-out records listed in the result message; the rest are counted.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to FHIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screening log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest signed version of each screening goes out. Nothing is sent anywhere: the files are for you to upload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %n record(s) chosen in the records browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records chosen in the records browser (none chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All records of the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include unsigned records (drafts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment dates (both included):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the screening log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• and %d more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n record(s) went out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n record(s) exported to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;REDCap (data dictionary and import file)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;FHIR (Questionnaire and responses)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Screening log (PDF or CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file holds %n screening(s). Which one?</source>
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
        <source>Saved assessments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
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
        <source>&amp;Open record file…</source>
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
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amend signed record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
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
        <source>The data folder %s cannot be used: %s</source>
        <extracomment>The protocol of the assessment shown (the first installed one until another is chosen); a broken site protocol file never stops the app (Preferences lists it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d protocols: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d protocol file(s) cannot be used (%s): see Preferences &gt; Protocols.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft autosaved at %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autosave failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, but not journaled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no screening ID yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unsaved assessment was found (screening %s, last change %s). Restore it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore the draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nkscreen %s
Offline eligibility screening for %s.
Protocol file sha256: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sign yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed and saved %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signing screening %1 (initials %2), verdict: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site settings cannot be read (%s), so the site name cannot be saved. Repair them in Preferences, then sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The site name could not be saved in %s: %s. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot amend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF written: %s</source>
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
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranges and limits of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s time zone (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times are shown and printed like this: %s (records keep UTC)</source>
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
    <message>
        <source>bundled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s cannot be used:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A site adds a trial by putting its protocol file in %s (then restart).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no data folder)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview: screening summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print screening summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProtocolDialog</name>
    <message>
        <source>New assessment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen the patient for which trial?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trials</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordBanner</name>
    <message>
        <source>Hide changes</source>
        <extracomment>Up to this many lines of changes are shown unfolded when the record opens. Unfolded, the list scrolls past this many lines. The href of a link the user followed (e.g. &quot;version:&lt;file name&gt;&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show changes (%d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIGNATURE INVALID: %s. Do not rely on this record.</source>
        <extracomment>Link scheme of the banner&apos;s &quot;Open version N&quot; links. The banner&apos;s style and meaning: valid, untrusted, invalid, broken_chain, superseded, draft, amending, or &quot;&quot; (no banner). (section heading, change lines) as plain text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;BROKEN HISTORY&lt;/b&gt;: %s. Do not rely on this version&apos;s history. It cannot be amended or signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved record %s, version %d, not signed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature valid. This version is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature valid. This record is read-only; use Amend to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature intact, but this site does not vouch for the signer: %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signatures on this file are intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed by %s on %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Superseded by version %d&lt;/b&gt; (%s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version is kept as history: it cannot be amended or signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open version %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by &lt;b&gt;%s&lt;/b&gt; (%s, user %s) at %s. Meaning: %s Key %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Amends version %d&lt;/b&gt; (sha256 %s...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amended by %s on %s. Reason: &lt;b&gt;%s&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict changed: %s -&gt; %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %d could not be compared with this one: the changed answers listed are those this version&apos;s audit trail records; changed criteria are not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criteria changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amending version %d: your changes become version %d. Reason: %s. Save, then sign again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordsBrowser</name>
    <message>
        <source>Screening ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNREADABLE: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search screening ID, initials, verdict, signer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed and valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved assessments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s Every signer is treated as untrusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s, superseded by v%d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShownTime</name>
    <message>
        <source>(time zone unknown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Create signing identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed name</source>
        <extracomment>The new identity became the data folder&apos;s administrator (its first identity).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role (e.g. Investigator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase (10 characters or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity was created, but it is not trusted yet: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign this screening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New identity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning of this signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signing identity on this computer yet: create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A trusted signer at this site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a trusted signer at this site yet: records signed now show as untrusted until the administrator, %s, signs this key in (Preferences &gt; Trusted signers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a trusted signer at this site: it has no administrator yet (Preferences &gt; Trusted signers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key fingerprint: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or create a signing identity first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary and verdict</source>
        <extracomment>Text and background colours of a status cell, by tone (a word and a symbol go with them).</extracomment>
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
        <source>Save draft</source>
        <extracomment>The buttons that close the screening, each bound to the window&apos;s menu action.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
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
    <message>
        <source>Criterion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrustedSigners</name>
    <message>
        <source>Trusted signers at this site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from public-key file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an identity of this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export my public key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the administrator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every signer is treated as untrusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator: %s (%s), key %s. Adding or removing a signer needs the administrator&apos;s passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This data folder has no administrator yet: the first identity created here becomes it, or set one up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase of %s (%s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the signatures of %s at this site?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public key of the signer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public keys (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every identity on this computer is already a trusted signer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an identity of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity to trust:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop trusting the signatures of %s?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no signing identity on this computer: create one first (sign a screening, or &apos;nkscreen identity create&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who administers this site&apos;s trusted signers?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %s the administrator of this site&apos;s trusted signers?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old list&apos;s signers are signed in again: %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no signing identity on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose public key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This identity was made by an older nkscreen: its passphrase binds its name and role to its key once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not exported</source>
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
    <name>words</name>
    <message>
        <source>Absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ELIGIBLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCOMPLETE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N/A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT ELIGIBLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT MET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRESENT</source>
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
        <source>absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>eligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not eligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid, signer not trusted here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ INVALID: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ BROKEN HISTORY: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
