<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentListEditor</name>
    <message>
        <source>None given</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>药物</translation>
    </message>
    <message>
        <source>Last dose (date or ongoing)</source>
        <translation>末次给药（日期或 ongoing）</translation>
    </message>
    <message>
        <source>Half-life (h)</source>
        <translation>半衰期（h）</translation>
    </message>
    <message>
        <source>Add agent</source>
        <translation>添加药物</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: %s
Your saved assessments are not affected. Please tell your nkscreen administrator.</source>
        <translation>出现错误：%s
已保存的评估不受影响。请告知 nkscreen 管理员。</translation>
    </message>
    <message>
        <source>Qt&apos;s own translation for %s is missing from %s.</source>
        <extracomment>Problems met while installing the language (a missing translation file), for the window to show once it has a status bar: the app still starts, in as much of it as is there.</extracomment>
        <translation>%s 的 Qt 自带翻译在 %s 中缺失。</translation>
    </message>
    <message>
        <source>nkscreen&apos;s translation for %s is missing from %s.</source>
        <translation>%s 的 nkscreen 翻译在 %s 中缺失。</translation>
    </message>
    <message>
        <source>The bundled Chinese font cannot be used (%s): Chinese uses this computer&apos;s fonts.</source>
        <translation>无法使用随附的中文字体（%s）：中文将使用本计算机的字体显示。</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>Discard the unknown answers</source>
        <extracomment>The protocol&apos;s words in the window&apos;s language; ``texts_problem``: why they are English instead, when its translation does not fit it (the window says so). The comments on criteria and the screen-failure reason (boxes made with the pages).</extracomment>
        <translation>舍弃无法识别的答案</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>筛选结论：</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Criteria and their status</source>
        <translation>各项标准及其状态</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Previous page (Alt+B)</source>
        <translation>上一页（Alt+B）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Next page (Alt+N or Enter)</source>
        <translation>下一页（Alt+N 或 Enter）</translation>
    </message>
    <message>
        <source>Inclusion</source>
        <extracomment>The row&apos;s widgets, hidden with ``label`` when the question does not apply. The protocol&apos;s words in the window&apos;s language (English where not translated). The rows of the pages built so far (see AssessmentView.rows for any field&apos;s). Fields whose rows are hidden (questions that do not apply): wizard_display.</extracomment>
        <translation>入选标准</translation>
    </message>
    <message>
        <source>Exclusion</source>
        <translation>排除标准</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Fill empty ULNs with the site&apos;s values</source>
        <translation>用本中心数值填入空白的 ULN</translation>
    </message>
    <message>
        <source>Site reference ranges for the patient&apos;s sex (Preferences)</source>
        <translation>按患者性别采用本中心参考范围（首选项）</translation>
    </message>
    <message>
        <source>Protocol text, verbatim from the trial registry</source>
        <translation>方案原文，逐字照录自试验注册平台</translation>
    </message>
    <message>
        <source>Protocol text for %s</source>
        <translation>%s 的方案原文</translation>
    </message>
    <message>
        <source>Uses answers given earlier: %s</source>
        <translation>使用前面已填写的答案：%s</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>检验项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>测定值</translation>
    </message>
    <message>
        <source>ULN</source>
        <translation>ULN</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Multiple</source>
        <translation>ULN 倍数</translation>
    </message>
    <message>
        <source>(ratio)</source>
        <translation>（比值）</translation>
    </message>
    <message>
        <source>Summary and verdict</source>
        <translation>汇总与筛选结论</translation>
    </message>
    <message>
        <source>Page %d of %d: %s</source>
        <translation>第 %d 页，共 %d 页：%s</translation>
    </message>
    <message>
        <source>The file has answers this protocol does not know: %s. They are kept and block saving until the file is corrected.</source>
        <translation>文件中有本方案无法识别的答案：%s。这些答案会被保留；在文件更正之前无法保存。</translation>
    </message>
    <message>
        <source>site: %s</source>
        <translation>本中心：%s</translation>
    </message>
    <message>
        <source>Site default for this sex (%s). Check against the lab report.</source>
        <translation>本中心对该性别的默认值（%s）。请与检验报告核对。</translation>
    </message>
    <message>
        <source>Why: </source>
        <translation>依据：</translation>
    </message>
    <message>
        <source>needs: %s</source>
        <translation>需要：%s</translation>
    </message>
    <message>
        <source>whole years on the %s</source>
        <translation>截至%s的周岁</translation>
    </message>
    <message>
        <source>× ULN, limit %s ×</source>
        <translation>× ULN，限值 %s × ULN</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Cockcroft-Gault</source>
        <translation>Cockcroft-Gault公式</translation>
    </message>
    <message>
        <source>within</source>
        <translation>未超过</translation>
    </message>
    <message>
        <source>ABOVE LIMIT</source>
        <translation>超过限值</translation>
    </message>
    <message>
        <source>The protocol is shown in English: its translation cannot be used (%s).</source>
        <translation>方案以英文显示：其中文翻译无法使用（%s）。</translation>
    </message>
    <message>
        <source>EXAMPLE VALUES shipped with nkscreen: replace with your laboratory&apos;s ranges</source>
        <extracomment>How a list of names runs in a sentence (&quot;Age, Sex&quot; / &quot;年龄、性别&quot;). Between a label and what it labels (&quot;Authorship: I performed...&quot; / &quot;作者：本人...&quot;). Between pieces of evidence (&quot;age 46 &gt;= 18; consent: yes&quot; / &quot;年龄 46 岁 ≥ 18 岁；…&quot;).</extracomment>
        <translation>nkscreen 随附的示例值：请替换为本中心实验室的参考范围</translation>
    </message>
</context>
<context>
    <name>ChoiceButtons</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Clear answer</source>
        <translation>清除答案</translation>
    </message>
</context>
<context>
    <name>CommentBox</name>
    <message>
        <source>Comment on %s (optional)</source>
        <translation>%s的备注（选填）</translation>
    </message>
    <message>
        <source>Comment on %s</source>
        <translation>%s的备注</translation>
    </message>
    <message>
        <source>Kept in the record, covered by the signature and printed under %s</source>
        <translation>保存在记录中，受电子签名保护，并打印在%s下方</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Pick the date from a calendar</source>
        <translation>从日历中选择日期</translation>
    </message>
    <message>
        <source>Calendar for %s</source>
        <translation>%s 的日历</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Never given (or not in the look-back)</source>
        <translation>从未使用（或不在回顾期内）</translation>
    </message>
    <message>
        <source>Ongoing</source>
        <translation>仍在进行</translation>
    </message>
    <message>
        <source>Still being given</source>
        <translation>目前仍在使用</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Import case file</source>
        <translation>导入病例文件</translation>
    </message>
    <message>
        <source>Case files, FHIR or REDCap exports (*.json *.csv);;All files (*)</source>
        <translation>病例文件、FHIR 或 REDCap 导出文件 (*.json *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>Unsaved answers</source>
        <translation>未保存的答案</translation>
    </message>
    <message>
        <source>The draft could not be written. Close anyway and lose the unsaved answers?</source>
        <translation>无法写入草稿。仍要关闭并丢失未保存的答案吗？</translation>
    </message>
    <message>
        <source>Amend signed record</source>
        <translation>修订已签名记录</translation>
    </message>
    <message>
        <source>Reason for the amendment (kept in the audit trail):</source>
        <translation>修订原因（将记入审计追踪）：</translation>
    </message>
    <message>
        <source>Sign an incomplete screening?</source>
        <translation>签署信息不完整的筛选？</translation>
    </message>
    <message>
        <source>The verdict is INCOMPLETE (missing: %s). Sign it as it is?</source>
        <translation>筛选结论为“信息不完整”（缺少：%s）。仍按现状签名吗？</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>研究中心名称</translation>
    </message>
    <message>
        <source>The printout of a signed record names the site where it was made.
Site name (saved in Preferences, asked once):</source>
        <translation>已签名记录的打印件会注明记录所在的研究中心。
研究中心名称（保存在首选项中，只询问一次）：</translation>
    </message>
    <message>
        <source>Open screening record</source>
        <translation>打开筛选记录</translation>
    </message>
    <message>
        <source>Screening records (*.json);;All files (*)</source>
        <translation>筛选记录 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About nkscreen</source>
        <translation>关于 nkscreen</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export to REDCap</source>
        <extracomment>Left-out records listed in the result message; the rest are counted.</extracomment>
        <translation>导出到 REDCap</translation>
    </message>
    <message>
        <source>Export to FHIR</source>
        <translation>导出为 FHIR</translation>
    </message>
    <message>
        <source>Screening log</source>
        <translation>筛选登记表</translation>
    </message>
    <message>
        <source>The newest signed version of each screening goes out. Nothing is sent anywhere: the files are for you to upload.</source>
        <translation>每次筛选导出其最新的已签名版本。数据不会被发送到任何地方：文件由您自行上传。</translation>
    </message>
    <message>
        <source>The %n record(s) chosen in the records browser</source>
        <translation>记录列表中选中的 %n 条记录</translation>
    </message>
    <message>
        <source>The records chosen in the records browser (none chosen)</source>
        <translation>记录列表中选中的记录（尚未选择）</translation>
    </message>
    <message>
        <source>All records of the data folder</source>
        <translation>数据文件夹中的全部记录</translation>
    </message>
    <message>
        <source>Include unsigned records (drafts)</source>
        <translation>包括未签名的记录（草稿）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Assessment dates (both included):</source>
        <translation>评估日期（含起止两日）：</translation>
    </message>
    <message>
        <source>Save the screening log</source>
        <translation>保存筛选登记表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;CSV files (*.csv)</source>
        <translation>PDF 文件 (*.pdf);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>• and %d more</source>
        <translation>• 另有 %d 条</translation>
    </message>
    <message>
        <source>%n record(s) went out.</source>
        <translation>已导出 %n 条记录。</translation>
    </message>
    <message>
        <source>Written:</source>
        <translation>已写入：</translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>未导出：</translation>
    </message>
    <message>
        <source>%n record(s) exported to %s</source>
        <translation>已将 %n 条记录导出到 %s</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;REDCap (data dictionary and import file)…</source>
        <translation>&amp;REDCap（数据字典和导入文件）…</translation>
    </message>
    <message>
        <source>&amp;FHIR (Questionnaire and responses)…</source>
        <translation>&amp;FHIR（Questionnaire 及其应答）…</translation>
    </message>
    <message>
        <source>&amp;Screening log (PDF or CSV)…</source>
        <translation>筛选登记表（PDF 或 CSV）(&amp;S)…</translation>
    </message>
    <message>
        <source>Import case</source>
        <translation>导入病例</translation>
    </message>
    <message>
        <source>This file holds %n screening(s). Which one?</source>
        <translation>此文件包含 %n 次筛选。导入哪一次？</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>New assessment (Ctrl+N)</source>
        <translation>新建评估（Ctrl+N）</translation>
    </message>
    <message>
        <source>Import case file… (Ctrl+I)</source>
        <translation>导入病例文件…（Ctrl+I）</translation>
    </message>
    <message>
        <source>Saved assessments</source>
        <translation>已保存的评估</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Site settings could not be read (%s); example ranges are in use.</source>
        <translation>无法读取本中心设置（%s）；当前使用的是示例范围。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New assessment</source>
        <translation>新建评估(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open record file…</source>
        <translation>打开记录文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import case file…</source>
        <translation>导入病例文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>主页(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Si&amp;gn…</source>
        <translation>签名(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Amend signed record…</source>
        <translation>修订已签名记录(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>导出 PDF(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一页(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>汇总(&amp;S)</translation>
    </message>
    <message>
        <source>Go to the criteria &amp;list</source>
        <translation>转到标准列表(&amp;L)</translation>
    </message>
    <message>
        <source>Enter in a field: next page</source>
        <translation>在输入框中按 Enter：下一页</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About nkscreen</source>
        <translation>关于 nkscreen(&amp;A)</translation>
    </message>
    <message>
        <source>Cannot import the case file</source>
        <translation>无法导入病例文件</translation>
    </message>
    <message>
        <source>The data folder %s cannot be used: %s</source>
        <extracomment>The protocol of the assessment shown (the first installed one until another is chosen); a broken site protocol file never stops the app (Preferences lists it).</extracomment>
        <translation>数据文件夹 %s 无法使用：%s</translation>
    </message>
    <message>
        <source>%d protocols: %s</source>
        <translation>%d 个方案：%s</translation>
    </message>
    <message>
        <source>%d protocol file(s) cannot be used (%s): see Preferences &gt; Protocols.</source>
        <translation>%d 个方案文件无法使用（%s）：请查看“首选项 &gt; 方案”。</translation>
    </message>
    <message>
        <source>Draft autosaved at %s</source>
        <translation>草稿已于 %s 自动保存</translation>
    </message>
    <message>
        <source>Autosave failed</source>
        <translation>自动保存失败</translation>
    </message>
    <message>
        <source>Saved, but not journaled</source>
        <translation>已保存，但未记入数据文件夹日志</translation>
    </message>
    <message>
        <source>Imported %s</source>
        <translation>已导入 %s</translation>
    </message>
    <message>
        <source>(no screening ID yet)</source>
        <translation>（尚无筛选号）</translation>
    </message>
    <message>
        <source>An unsaved assessment was found (screening %s, last change %s). Restore it?</source>
        <translation>发现一份未保存的评估（筛选号 %s，最后修改于 %s）。是否恢复？</translation>
    </message>
    <message>
        <source>Cannot restore the draft</source>
        <translation>无法恢复草稿</translation>
    </message>
    <message>
        <source>Draft restored.</source>
        <translation>草稿已恢复。</translation>
    </message>
    <message>
        <source>Cannot open the record</source>
        <translation>无法打开记录</translation>
    </message>
    <message>
        <source>Opened read-only</source>
        <translation>已以只读方式打开</translation>
    </message>
    <message>
        <source>nkscreen %s
Offline eligibility screening for %s.
Protocol file sha256: %s</source>
        <translation>nkscreen %s
%s 的离线入组资格筛选。
方案文件 sha256：%s</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saved %s</source>
        <translation>已保存 %s</translation>
    </message>
    <message>
        <source>Cannot sign</source>
        <translation>无法签名</translation>
    </message>
    <message>
        <source>Cannot sign yet</source>
        <translation>暂时无法签名</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Signed and saved %s</source>
        <translation>已签名并保存 %s</translation>
    </message>
    <message>
        <source>You are signing screening %1 (initials %2), verdict: %3</source>
        <translation>您正在签署筛选号 %1（姓名缩写 %2）的筛选，筛选结论：%3</translation>
    </message>
    <message>
        <source>The site settings cannot be read (%s), so the site name cannot be saved. Repair them in Preferences, then sign.</source>
        <translation>无法读取本中心设置（%s），因此无法保存研究中心名称。请先在首选项中修复，然后再签名。</translation>
    </message>
    <message>
        <source>The site name could not be saved in %s: %s. Nothing was signed.</source>
        <translation>无法将研究中心名称保存到 %s：%s。未进行任何签名。</translation>
    </message>
    <message>
        <source>Cannot amend</source>
        <translation>无法修订</translation>
    </message>
    <message>
        <source>PDF written: %s</source>
        <translation>PDF 已写入：%s</translation>
    </message>
</context>
<context>
    <name>NoteProblem</name>
    <message>
        <source>⚠ %d characters: at most %d are kept. Shorten it.</source>
        <translation>⚠ 共 %d 个字符：最多保留 %d 个。请缩短。</translation>
    </message>
    <message>
        <source>⚠ It holds a control character (U+%s): remove it.</source>
        <translation>⚠ 含有控制字符（U+%s）：请删除。</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Site name</source>
        <translation>研究中心名称</translation>
    </message>
    <message>
        <source>Source of the ULN values</source>
        <translation>ULN 数值来源</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>美式信纸（8.5×11 英寸）</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>纸张大小</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>A new language takes effect when nkscreen is started again. NKSCREEN_LANG or --lang, when given, take precedence.</source>
        <translation>更改的语言在重新启动 nkscreen 后生效。如设置了 NKSCREEN_LANG 或 --lang，则以其为准。</translation>
    </message>
    <message>
        <source>Ranges and limits of</source>
        <translation>范围与限值适用于</translation>
    </message>
    <message>
        <source>This computer&apos;s time zone (%s)</source>
        <translation>本计算机的时区（%s）</translation>
    </message>
    <message>
        <source>This computer&apos;s language (%s)</source>
        <translation>本计算机的语言（%s）</translation>
    </message>
    <message>
        <source>Times are shown and printed like this: %s (records keep UTC)</source>
        <translation>时间按此格式显示和打印：%s（记录中保存 UTC 时间）</translation>
    </message>
    <message>
        <source>Upper limits of normal (pre-filled in each assessment, editable)</source>
        <translation>正常值上限（在每次评估中预先填入，可修改）</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>检验项目</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女性</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男性</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>(ratio)</source>
        <translation>（比值）</translation>
    </message>
    <message>
        <source>Evidence older than this before the assessment gives a warning</source>
        <translation>检查日期早于评估日期超过以下天数时给出警示</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>%s (%s): %r is not a number</source>
        <translation>%s（%s）：%r 不是数字</translation>
    </message>
    <message>
        <source>%s (%s): must be above 0</source>
        <translation>%s（%s）：必须大于 0</translation>
    </message>
    <message>
        <source>Check the values</source>
        <translation>请检查数值</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <source>Could not write %s: %s. Nothing was changed.</source>
        <translation>无法写入 %s：%s。未做任何更改。</translation>
    </message>
    <message>
        <source>bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>site</source>
        <translation>本中心</translation>
    </message>
    <message>
        <source>%s cannot be used:</source>
        <translation>%s 无法使用：</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>A site adds a trial by putting its protocol file in %s (then restart).</source>
        <translation>研究中心将试验的方案文件放入 %s 即可添加该试验（然后重新启动）。</translation>
    </message>
    <message>
        <source>(no data folder)</source>
        <translation>（无数据文件夹）</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Characters without a font</source>
        <translation>无字体可显示的字符</translation>
    </message>
    <message>
        <source>No font on this computer has %1: they come out as blanks or boxes in %2. Install a font that has them, then print again.</source>
        <translation>本计算机没有任何字体包含 %1：这些字符在%2中将显示为空白或方框。请安装包含这些字符的字体后重新打印。</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot export the PDF</source>
        <translation>无法导出 PDF</translation>
    </message>
    <message>
        <source>Print preview: screening summary</source>
        <translation>打印预览：筛选汇总</translation>
    </message>
    <message>
        <source>the preview and printout</source>
        <translation>预览和打印件</translation>
    </message>
    <message>
        <source>Print screening summary</source>
        <translation>打印筛选汇总</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>the printout</source>
        <translation>打印件</translation>
    </message>
</context>
<context>
    <name>ProtocolDialog</name>
    <message>
        <source>New assessment</source>
        <translation>新建评估</translation>
    </message>
    <message>
        <source>Screen the patient for which trial?</source>
        <translation>为患者筛选哪项试验？</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>试验</translation>
    </message>
</context>
<context>
    <name>ReasonBox</name>
    <message>
        <source>Use the failed criteria</source>
        <translation>引用不符合的标准</translation>
    </message>
    <message>
        <source>Start the reason from the criteria that failed</source>
        <translation>以不符合的标准作为原因的开头</translation>
    </message>
    <message>
        <source>Screen-failure reason</source>
        <translation>筛选失败原因</translation>
    </message>
    <message>
        <source>Why the screening failed or stopped, in your words (optional)</source>
        <translation>用您自己的话说明筛选失败或中止的原因（选填）</translation>
    </message>
    <message>
        <source>The verdict is NOT ELIGIBLE: say why the screening failed. It is kept in the record and printed beside the verdict.</source>
        <translation>筛选结论为不符合入组条件：请说明筛选失败的原因。该原因保存在记录中，并打印在筛选结论旁。</translation>
    </message>
    <message>
        <source>Optional: kept in the record and printed.</source>
        <translation>选填：保存在记录中并打印。</translation>
    </message>
</context>
<context>
    <name>RecordBanner</name>
    <message>
        <source>Hide changes</source>
        <extracomment>Up to this many lines of changes are shown unfolded when the record opens. Unfolded, the list scrolls past this many lines. The href of a link the user followed (e.g. &quot;version:&lt;file name&gt;&quot;).</extracomment>
        <translation>隐藏变更</translation>
    </message>
    <message>
        <source>Show changes (%d)</source>
        <translation>显示变更（%d）</translation>
    </message>
    <message>
        <source>SIGNATURE INVALID: %s. Do not rely on this record.</source>
        <extracomment>Link scheme of the banner&apos;s &quot;Open version N&quot; links. The banner&apos;s style and meaning: valid, untrusted, invalid, broken_chain, superseded, draft, amending, or &quot;&quot; (no banner). (section heading, change lines) as plain text.</extracomment>
        <translation>签名无效：%s。请勿依据本记录。</translation>
    </message>
    <message>
        <source>&lt;b&gt;BROKEN HISTORY&lt;/b&gt;: %s. Do not rely on this version&apos;s history. It cannot be amended or signed.</source>
        <translation>&lt;b&gt;版本链断裂&lt;/b&gt;：%s。请勿依据本版本的修订历史。本版本不能修订或签名。</translation>
    </message>
    <message>
        <source>Saved record %s, version %d, not signed yet.</source>
        <translation>已保存记录 %s，第 %d 版，尚未签名。</translation>
    </message>
    <message>
        <source>Signature valid. This version is read-only.</source>
        <translation>签名有效。本版本为只读。</translation>
    </message>
    <message>
        <source>Signature valid. This record is read-only; use Amend to change it.</source>
        <translation>签名有效。本记录为只读；如需更改，请使用“修订”。</translation>
    </message>
    <message>
        <source>Signature intact, but this site does not vouch for the signer: %s.</source>
        <translation>签名完整，但签署人未获本中心信任：%s。</translation>
    </message>
    <message>
        <source>The signatures on this file are intact.</source>
        <translation>本文件上的签名完整。</translation>
    </message>
    <message>
        <source>signed by %s on %s</source>
        <translation>%s于%s签名</translation>
    </message>
    <message>
        <source>not signed yet</source>
        <translation>尚未签名</translation>
    </message>
    <message>
        <source>&lt;b&gt;Superseded by version %d&lt;/b&gt; (%s).</source>
        <translation>&lt;b&gt;已被第 %d 版取代&lt;/b&gt;（%s）。</translation>
    </message>
    <message>
        <source>This version is kept as history: it cannot be amended or signed.</source>
        <translation>本版本作为历史版本保留：不能修订或签名。</translation>
    </message>
    <message>
        <source>Open version %d</source>
        <translation>打开第 %d 版</translation>
    </message>
    <message>
        <source>Signed by &lt;b&gt;%s&lt;/b&gt; (%s, user %s) at %s. Meaning: %s Key %s…</source>
        <translation>签署人：&lt;b&gt;%s&lt;/b&gt;（%s，用户 %s），时间：%s。签名含义：%s 密钥 %s…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Amends version %d&lt;/b&gt; (sha256 %s...).</source>
        <translation>&lt;b&gt;修订第 %d 版&lt;/b&gt;（sha256 %s...）。</translation>
    </message>
    <message>
        <source>Amended by %s on %s. Reason: &lt;b&gt;%s&lt;/b&gt;</source>
        <translation>修订人：%s，修订时间：%s。修订原因：&lt;b&gt;%s&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Verdict changed: %s -&gt; %s</source>
        <translation>筛选结论变更：%s → %s</translation>
    </message>
    <message>
        <source>Version %d could not be compared with this one: the changed answers listed are those this version&apos;s audit trail records; changed criteria are not known.</source>
        <translation>无法将第 %d 版与本版本比较：所列答案变更取自本版本的审计追踪，标准状态的变更无法得知。</translation>
    </message>
    <message>
        <source>No answer changed.</source>
        <translation>没有答案变更。</translation>
    </message>
    <message>
        <source>No answer changed; only comments or the screen-failure reason.</source>
        <translation>没有答案变更；仅备注或筛选失败原因有变更。</translation>
    </message>
    <message>
        <source>Answers changed</source>
        <translation>答案变更</translation>
    </message>
    <message>
        <source>Comments changed</source>
        <translation>备注变更</translation>
    </message>
    <message>
        <source>Criteria changed</source>
        <translation>标准状态变更</translation>
    </message>
    <message>
        <source>Amending version %d: your changes become version %d. Reason: %s. Save, then sign again.</source>
        <translation>正在修订第 %d 版：您的更改将成为第 %d 版。修订原因：%s。请保存，然后重新签名。</translation>
    </message>
</context>
<context>
    <name>RecordSession</name>
    <message>
        <source>Version %d has been superseded by version %d: only the newest version can be amended or signed. Open version %d.</source>
        <extracomment>Why this version can be neither amended nor signed (&quot;&quot; when it can). The draft&apos;s save time (a UTC datetime); the window shows it in the site&apos;s zone. The :class:`RecordState` after every change of the record, its lock or an amendment. The record was saved but the data folder&apos;s journal could not record it. Superseded by a newer version beside it? Its amendment chain intact? What this version changed, if it amends an earlier one. File name of the version this one amends, when it is there and its link intact. Said when the record&apos;s protocol file changed or is not installed (&quot;&quot; otherwise).</extracomment>
        <translation>第 %d 版已被第 %d 版取代：只有最新版本可以修订或签名。请打开第 %d 版。</translation>
    </message>
    <message>
        <source>see the banner</source>
        <translation>见上方提示栏</translation>
    </message>
    <message>
        <source>This version&apos;s history is broken (%s): amending or signing it would sign over that history. Restore the earlier version from a backup first.</source>
        <translation>此版本的历史链已断开（%s）：修订或签名将覆盖这段历史。请先从备份中恢复之前的版本。</translation>
    </message>
    <message>
        <source>This record&apos;s signature is invalid (%s): it cannot be amended or signed. Use an intact copy of the record.</source>
        <translation>此记录的签名无效（%s）：不能修订或签名。请使用完好的记录副本。</translation>
    </message>
    <message>
        <source>%s cannot be read: %s</source>
        <translation>无法读取 %s：%s</translation>
    </message>
    <message>
        <source>The record this draft edits cannot be read: %s</source>
        <translation>无法读取此草稿所编辑的记录：%s</translation>
    </message>
    <message>
        <source>Autosave failed: %s. Your answers are still here; saved records are untouched.</source>
        <translation>自动保存失败：%s。您填写的答案仍在；已保存的记录未受影响。</translation>
    </message>
    <message>
        <source>This record is signed: use Amend to change it.</source>
        <translation>此记录已签名：如需更改，请使用“修订”。</translation>
    </message>
    <message>
        <source>Cannot save yet:</source>
        <translation>尚无法保存：</translation>
    </message>
    <message>
        <source>Not saved: %s</source>
        <translation>未保存：%s</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>%s: %s. Nothing was changed.</source>
        <translation>%s：%s。未做任何更改。</translation>
    </message>
    <message>
        <source>Not signed: there is no signed record to co-sign.</source>
        <translation>未签名：没有可供共同签名的已签名记录。</translation>
    </message>
    <message>
        <source>Not signed: %s</source>
        <translation>未签名：%s</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>An amendment needs a reason.</source>
        <translation>修订需要填写原因。</translation>
    </message>
    <message>
        <source>Only a signed record is amended; edit and save this one.</source>
        <translation>只有已签名的记录才需修订；请直接编辑并保存此记录。</translation>
    </message>
</context>
<context>
    <name>RecordsBrowser</name>
    <message>
        <source>Screening ID</source>
        <translation>筛选号</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>姓名缩写</translation>
    </message>
    <message>
        <source>Assessment date</source>
        <translation>评估日期</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>筛选结论</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签署人</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>UNREADABLE: %s</source>
        <translation>无法读取：%s</translation>
    </message>
    <message>
        <source>Search screening ID, initials, verdict, signer…</source>
        <translation>搜索筛选号、姓名缩写、筛选结论、签署人…</translation>
    </message>
    <message>
        <source>Search records</source>
        <translation>搜索记录</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>未签名</translation>
    </message>
    <message>
        <source>Signed and valid</source>
        <translation>已签名且有效</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Saved assessments</source>
        <translation>已保存的评估</translation>
    </message>
    <message>
        <source>%s Every signer is treated as untrusted.</source>
        <translation>%s 所有签署人均视为未获信任。</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>%s, superseded by v%d</source>
        <translation>%s，已被 v%d 取代</translation>
    </message>
</context>
<context>
    <name>ShownTime</name>
    <message>
        <source>(time zone unknown)</source>
        <translation>（时区未知）</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Create signing identity</source>
        <translation>创建签名身份</translation>
    </message>
    <message>
        <source>Printed name</source>
        <extracomment>The new identity became the data folder&apos;s administrator (its first identity).</extracomment>
        <translation>姓名（签名中显示）</translation>
    </message>
    <message>
        <source>Role (e.g. Investigator)</source>
        <translation>角色（如：研究者）</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>Passphrase (10 characters or more)</source>
        <translation>口令（至少 10 个字符）</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>The identity was created, but it is not trusted yet: %s</source>
        <translation>身份已创建，但尚未获信任：%s</translation>
    </message>
    <message>
        <source>Sign this screening</source>
        <translation>签署本次筛选</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签署人</translation>
    </message>
    <message>
        <source>New identity…</source>
        <translation>新建身份…</translation>
    </message>
    <message>
        <source>Meaning of this signature</source>
        <translation>签名含义</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>No signing identity on this computer yet: create one.</source>
        <translation>本计算机上尚无签名身份：请先创建。</translation>
    </message>
    <message>
        <source>A trusted signer at this site.</source>
        <translation>本中心受信任的签署人。</translation>
    </message>
    <message>
        <source>Not a trusted signer at this site yet: records signed now show as untrusted until the administrator, %s, signs this key in (Preferences &gt; Trusted signers).</source>
        <translation>尚不是本中心受信任的签署人：在管理员 %s 将此密钥签名加入名单之前，现在签署的记录将显示为签署人未获信任（首选项 &gt; 本中心受信任的签署人）。</translation>
    </message>
    <message>
        <source>Not a trusted signer at this site: it has no administrator yet (Preferences &gt; Trusted signers).</source>
        <translation>不是本中心受信任的签署人：本中心尚未设置管理员（首选项 &gt; 本中心受信任的签署人）。</translation>
    </message>
    <message>
        <source>Key fingerprint: %s</source>
        <translation>密钥指纹：%s</translation>
    </message>
    <message>
        <source>Choose or create a signing identity first.</source>
        <translation>请先选择或创建签名身份。</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Summary and verdict</source>
        <extracomment>Text and background colours of a status cell, by tone (a word and a symbol go with them).</extracomment>
        <translation>汇总与筛选结论</translation>
    </message>
    <message>
        <source>Reasons: not eligible</source>
        <translation>不符合入组条件的原因</translation>
    </message>
    <message>
        <source>Missing answers</source>
        <translation>缺少的答案</translation>
    </message>
    <message>
        <source>Save draft</source>
        <extracomment>The buttons that close the screening, each bound to the window&apos;s menu action.</extracomment>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>签名…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Invalid answers (fix before saving)</source>
        <extracomment>Where the screen-failure reason goes (see :meth:`place_notes`): by the verdict. The evaluation shown last (the reason box, made later, asks for it then).</extracomment>
        <translation>无效的答案（保存前请更正）</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警示</translation>
    </message>
    <message>
        <source>Key values</source>
        <translation>关键数值</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>判定依据</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>各项标准</translation>
    </message>
</context>
<context>
    <name>TrustedSigners</name>
    <message>
        <source>Trusted signers at this site</source>
        <translation>本中心受信任的签署人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Add from public-key file…</source>
        <translation>从公钥文件添加…</translation>
    </message>
    <message>
        <source>Add an identity of this computer…</source>
        <translation>添加本计算机上的身份…</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <source>Export my public key…</source>
        <translation>导出我的公钥…</translation>
    </message>
    <message>
        <source>Set up the administrator…</source>
        <translation>设置管理员…</translation>
    </message>
    <message>
        <source>Every signer is treated as untrusted.</source>
        <translation>所有签署人均视为未获信任。</translation>
    </message>
    <message>
        <source>Administrator: %s (%s), key %s. Adding or removing a signer needs the administrator&apos;s passphrase.</source>
        <translation>管理员：%s（%s），密钥 %s。添加或移除签署人需要输入管理员口令。</translation>
    </message>
    <message>
        <source>This data folder has no administrator yet: the first identity created here becomes it, or set one up.</source>
        <translation>本数据文件夹尚无管理员：在此创建的第一个身份将成为管理员，您也可以手动设置。</translation>
    </message>
    <message>
        <source>Administrator&apos;s passphrase</source>
        <translation>管理员口令</translation>
    </message>
    <message>
        <source>Passphrase of %s (%s):</source>
        <translation>%s（%s）的口令：</translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation>未做任何更改</translation>
    </message>
    <message>
        <source>Trust the signatures of %s at this site?</source>
        <translation>是否在本中心信任 %s 的签名？</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>未添加</translation>
    </message>
    <message>
        <source>Public key of the signer</source>
        <translation>签署人的公钥</translation>
    </message>
    <message>
        <source>Public keys (*.json)</source>
        <translation>公钥 (*.json)</translation>
    </message>
    <message>
        <source>Nothing to add</source>
        <translation>没有可添加的身份</translation>
    </message>
    <message>
        <source>Every identity on this computer is already a trusted signer.</source>
        <translation>本计算机上的所有身份均已是受信任的签署人。</translation>
    </message>
    <message>
        <source>Add an identity of this computer</source>
        <translation>添加本计算机上的身份</translation>
    </message>
    <message>
        <source>Identity to trust:</source>
        <translation>要信任的身份：</translation>
    </message>
    <message>
        <source>Stop trusting the signatures of %s?</source>
        <translation>是否停止信任 %s 的签名？</translation>
    </message>
    <message>
        <source>Not removed</source>
        <translation>未移除</translation>
    </message>
    <message>
        <source>No identity</source>
        <translation>没有签名身份</translation>
    </message>
    <message>
        <source>There is no signing identity on this computer: create one first (sign a screening, or &apos;nkscreen identity create&apos;).</source>
        <translation>本计算机上没有签名身份：请先创建一个（签署一次筛选，或运行 &apos;nkscreen identity create&apos;）。</translation>
    </message>
    <message>
        <source>Set up the administrator</source>
        <translation>设置管理员</translation>
    </message>
    <message>
        <source>Who administers this site&apos;s trusted signers?</source>
        <translation>由谁管理本中心受信任的签署人？</translation>
    </message>
    <message>
        <source>Make %s the administrator of this site&apos;s trusted signers?</source>
        <translation>是否将 %s 设为本中心受信任签署人的管理员？</translation>
    </message>
    <message>
        <source>The old list&apos;s signers are signed in again: %s.</source>
        <translation>原名单中的签署人将重新签名加入：%s。</translation>
    </message>
    <message>
        <source>There is no signing identity on this computer.</source>
        <translation>本计算机上没有签名身份。</translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>Whose public key?</source>
        <translation>导出谁的公钥？</translation>
    </message>
    <message>
        <source>This identity was made by an older nkscreen: its passphrase binds its name and role to its key once.</source>
        <translation>此身份由旧版 nkscreen 创建：输入其口令后，将一次性把姓名和角色与密钥绑定。</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
</context>
<context>
    <name>UnitCombo</name>
    <message>
        <source>unit?</source>
        <translation>单位？</translation>
    </message>
</context>
<context>
    <name>UnitEntryEditor</name>
    <message>
        <source>Unit of %s</source>
        <translation>%s的单位</translation>
    </message>
    <message>
        <source>The unit you type the value in; it is kept in %s</source>
        <translation>您输入数值所用的单位；保存时换算为 %s</translation>
    </message>
    <message>
        <source>= %s (%s)</source>
        <translation>= %s（%s）</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>Absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>ELIGIBLE</source>
        <translation>符合入组条件</translation>
    </message>
    <message>
        <source>INCOMPLETE</source>
        <translation>信息不完整</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>NOT ELIGIBLE</source>
        <translation>不符合入组条件</translation>
    </message>
    <message>
        <source>NOT MET</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>PRESENT</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>eligible</source>
        <translation>符合入组条件</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>信息不完整</translation>
    </message>
    <message>
        <source>met</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>not eligible</source>
        <translation>不符合入组条件</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <source>present</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>✓ valid</source>
        <translation>✓ 有效</translation>
    </message>
    <message>
        <source>valid, signer not trusted here</source>
        <translation>签名完整，但签署人未获本中心信任</translation>
    </message>
    <message>
        <source>✗ INVALID: %s</source>
        <translation>✗ 无效：%s</translation>
    </message>
    <message>
        <source>✗ BROKEN HISTORY: %s</source>
        <translation>✗ 版本链断裂：%s</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>未签名</translation>
    </message>
</context>
</TS>
