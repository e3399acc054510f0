<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>CategoryScreen</name>
    <message>
        <location filename="../../ui/screens/category.py" line="+58"/>
        <source>Back</source>
        <translation>Nôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to the list of topics</source>
        <translation>Mynd nôl i&apos;r rhestr o bynciau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are no services in this topic yet.</source>
        <translation>Does dim gwasanaethau yn y pwnc hwn eto.</translation>
    </message>
</context>
<context>
    <name>CustomPeriod</name>
    <message>
        <location filename="../../ui/supervisor/period_picker.py" line="+87"/>
        <location line="+2"/>
        <source>From</source>
        <translation>O</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>To</source>
        <translation>Hyd at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show</source>
        <translation>Dangos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the figures from the From date to the To date</source>
        <translation>Dangos y ffigurau o&apos;r dyddiad ‘O’ hyd at y dyddiad ‘Hyd at’</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The To date ({last}) is before the From date ({first}): choose again.</source>
        <translation>Mae&apos;r dyddiad ‘Hyd at’ ({last}) cyn y dyddiad ‘O’ ({first}): dewiswch eto.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../ui/supervisor/dashboard.py" line="+145"/>
        <source>Today</source>
        <translation>Heddiw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This week</source>
        <translation>Yr wythnos hon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>Y mis hwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>Y mis diwethaf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Monthly report (PDF)</source>
        <translation>Adroddiad misol (PDF)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the report of the chosen period as a PDF</source>
        <translation>Cadw adroddiad y cyfnod a ddewiswyd fel PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+232"/>
        <source>Contacts per day</source>
        <translation>Cysylltiadau bob dydd</translation>
    </message>
    <message>
        <location line="-231"/>
        <location line="+238"/>
        <source>Top 10 services</source>
        <translation>Y 10 gwasanaeth uchaf</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Making the report…</source>
        <translation>Wrthi&apos;n gwneud yr adroddiad…</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The figures could not be read: {reason}</source>
        <translation>Nid oedd modd darllen y ffigurau: {reason}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Contacts: {total}</source>
        <translation>Cysylltiadau: {total}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completed online during the visit: {n} ({share} of contacts)</source>
        <translation>Wedi&apos;u cwblhau ar-lein yn ystod yr ymweliad: {n} ({share} o&apos;r cysylltiadau)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could go online next time, alone or with help: {n} ({share} of the {answered} who answered)</source>
        <translation>Gallen nhw fynd ar-lein y tro nesaf, ar eu pen eu hunain neu gyda help: {n} ({share} o&apos;r {answered} a atebodd)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved by the idle reset, not by staff: {n} ({share} of contacts; what they were not asked is counted as not recorded)</source>
        <translation>Wedi&apos;u cadw gan yr ailosod segur, nid gan staff: {n} ({share} o&apos;r cysylltiadau; caiff yr hyn na ofynnwyd ei gyfrif fel heb ei gofnodi)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not estimated: the council has not set its own unit costs</source>
        <translation>Heb ei amcangyfrif: nid yw&apos;r cyngor wedi gosod ei gostau uned ei hun</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Estimated saving: £{estimate} (an estimate, not a measured figure)</source>
        <translation>Arbediad amcangyfrifedig: £{estimate} (amcangyfrif, nid ffigur wedi&apos;i fesur)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} residents who could go online next time x (face-to-face £{face} - web £{web})</source>
        <translation>{n} o breswylwyr a allai fynd ar-lein y tro nesaf x (wyneb yn wyneb £{face} - gwe £{web})</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Contacts</source>
        <translation>Cysylltiadau</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Help given</source>
        <translation>Help a roddwyd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barrier</source>
        <translation>Rhwystr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{first} to {last}</source>
        <translation>{first} i {last}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>General enquiry</source>
        <translation>Ymholiad cyffredinol</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Saved the report as {file}</source>
        <translation>Wedi cadw&apos;r adroddiad fel {file}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The report could not be saved; tell IT.</source>
        <translation>Nid oedd modd cadw&apos;r adroddiad; rhowch wybod i TG.</translation>
    </message>
</context>
<context>
    <name>ExitConfirmation</name>
    <message>
        <location filename="../../ui/supervisor/exit_confirm.py" line="+43"/>
        <source>Leave kiosk mode? The screen shows the computer&apos;s desktop until the kiosk is started again. Why are you leaving it?</source>
        <translation>Gadael modd ciosg? Bydd y sgrin yn dangos bwrdd gwaith y cyfrifiadur nes i&apos;r ciosg gael ei ddechrau eto. Pam ydych chi&apos;n ei adael?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>End of the day</source>
        <translation>Diwedd y dydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IT maintenance</source>
        <translation>Cynnal a chadw TG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something is wrong</source>
        <translation>Mae rhywbeth o&apos;i le</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stay in kiosk mode</source>
        <translation>Aros yn y modd ciosg</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <location filename="../../ui/supervisor/export_panel.py" line="+115"/>
        <source>Contacts from</source>
        <translation>Cysylltiadau o</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This month</source>
        <translation>Y mis hwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last month</source>
        <translation>Y mis diwethaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>Y 30 diwrnod diwethaf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Format</source>
        <translation>Fformat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel</source>
        <translation>CSV ar gyfer Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose folder</source>
        <translation>Dewis ffolder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Allforio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export progress</source>
        <translation>Cynnydd yr allforio</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose a folder to export to</source>
        <translation>Dewiswch ffolder i allforio iddo</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting…</source>
        <translation>Wrthi&apos;n allforio…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{done} of {total} contacts</source>
        <translation>{done} o {total} cyswllt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The export failed; tell IT.</source>
        <translation>Methodd yr allforio; rhowch wybod i TG.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported {count} contacts to {file}</source>
        <translation>Wedi allforio {count} cyswllt i {file}</translation>
    </message>
</context>
<context>
    <name>LiveSiteView</name>
    <message>
        <location filename="../../ui/browser/live_view.py" line="+79"/>
        <source>Back</source>
        <translation>Nôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward</source>
        <translation>Ymlaen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload</source>
        <translation>Ail-lwytho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the steps</source>
        <translation>Yn ôl i&apos;r camau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QR code for this page</source>
        <translation>Cod QR ar gyfer y dudalen hon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print this page&apos;s address</source>
        <translation>Argraffu cyfeiriad y dudalen hon</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>That link leads away from the council&apos;s website, so it does not open here. Ask the staff member if you need it.</source>
        <translation>Mae&apos;r ddolen honno&apos;n arwain oddi ar wefan y cyngor, felly nid yw&apos;n agor yma. Gofynnwch i&apos;r aelod o staff os oes ei hangen arnoch.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Files cannot be downloaded on this kiosk.</source>
        <translation>Nid oes modd lawrlwytho ffeiliau ar y ciosg hwn.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This page&apos;s address cannot be made into a QR code.</source>
        <translation>Nid oes modd gwneud cod QR o gyfeiriad y dudalen hon.</translation>
    </message>
</context>
<context>
    <name>LogContactScreen</name>
    <message>
        <location filename="../../ui/screens/log_contact.py" line="+160"/>
        <location line="+16"/>
        <source>Not saved: {reason}</source>
        <translation>Heb ei gadw: {reason}</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Saving...</source>
        <translation>Wrthi&apos;n cadw...</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved</source>
        <translation>Wedi&apos;i gadw</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>General enquiry</source>
        <translation>Ymholiad cyffredinol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log this contact: {what}</source>
        <translation>Cofnodi&apos;r cyswllt hwn: {what}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Nôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No help given</source>
        <translation>Dim help wedi&apos;i roi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How did you help?</source>
        <translation>Sut wnaethoch chi helpu?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened?</source>
        <translation>Beth ddigwyddodd?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What made it hard? (any)</source>
        <translation>Beth oedd yn ei gwneud hi&apos;n anodd? (unrhyw rai)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could they go online next time?</source>
        <translation>Allen nhw fynd ar-lein y tro nesaf?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred to</source>
        <translation>Atgyfeiriwyd at</translation>
    </message>
    <message>
        <location filename="../../ui/code_labels.py" line="+12"/>
        <source>Showed how</source>
        <translation>Dangos sut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Did it together</source>
        <translation>Gwneud gyda&apos;n gilydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Did it for them</source>
        <translation>Gwneud ar eu rhan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handout only</source>
        <translation>Taflen yn unig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signposted</source>
        <translation>Cyfeirio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Wedi&apos;i gwblhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Wedi&apos;i ddechrau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Will do later</source>
        <translation>Gwneud yn nes ymlaen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not complete</source>
        <translation>Methu cwblhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not recorded</source>
        <translation>Heb ei gofnodi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access</source>
        <translation>Mynediad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skills</source>
        <translation>Sgiliau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence</source>
        <translation>Hyder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust</source>
        <translation>Ymddiriedaeth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accessibility</source>
        <translation>Hygyrchedd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Iaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Gallen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With help</source>
        <translation>Gyda help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Na allen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsure</source>
        <translation>Ddim yn siŵr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Digital skills</source>
        <translation>Sgiliau digidol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device loan</source>
        <translation>Benthyg dyfais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data bank</source>
        <translation>Banc data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Library PCs</source>
        <translation>Cyfrifiaduron llyfrgell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other service</source>
        <translation>Gwasanaeth arall</translation>
    </message>
</context>
<context>
    <name>PageQr</name>
    <message>
        <location filename="../../ui/browser/page_qr.py" line="+59"/>
        <source>Scan the QR code with your phone&apos;s camera, or type:</source>
        <translation>Sganiwch y cod QR gyda chamera eich ffôn, neu teipiwch:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the page</source>
        <translation>Yn ôl i&apos;r dudalen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the address starts with {prefix} before you enter any details.</source>
        <translation>Gwiriwch fod y cyfeiriad yn dechrau gyda {prefix} cyn i chi roi unrhyw fanylion.</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../ui/supervisor/pin_screen.py" line="+131"/>
        <source>Supervisor</source>
        <translation>Goruchwyliwr</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Enter the supervisor PIN</source>
        <translation>Rhowch PIN y goruchwyliwr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number {digit}</source>
        <translation>Rhif {digit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Clirio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Agor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Checking…</source>
        <translation>Wrthi&apos;n gwirio…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>That PIN is not right. Tries left before a {time} lock: {left}</source>
        <translation>Nid yw&apos;r PIN hwnnw&apos;n gywir. Cynigion ar ôl cyn cloi am {time}: {left}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The PIN could not be checked; tell IT.</source>
        <translation>Nid oedd modd gwirio&apos;r PIN; rhowch wybod i TG.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Too many wrong PINs. Try again in {time}.</source>
        <translation>Gormod o PINau anghywir. Rhowch gynnig arall ymhen {time}.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No supervisor PIN is set. IT can set one with: kiosk supervisor set-pin</source>
        <translation>Nid oes PIN goruchwyliwr wedi&apos;i osod. Gall TG osod un gyda: kiosk supervisor set-pin</translation>
    </message>
</context>
<context>
    <name>PrintWords</name>
    <message>
        <location filename="../../ui/print_words.py" line="+19"/>
        <source> (the system says: {said})</source>
        <translation> (mae&apos;r system yn dweud: {said})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The handout could not be made; tell IT.</source>
        <translation>Nid oedd modd gwneud y daflen; rhowch wybod i TG.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No printer is set up on this computer.</source>
        <translation>Does dim argraffydd wedi&apos;i osod ar y cyfrifiadur hwn.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing has stopped because the kiosk is closing.</source>
        <translation>Mae&apos;r argraffu wedi dod i ben oherwydd bod y ciosg yn cau.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing failed for an unexpected reason; try again, and tell IT if it keeps happening.</source>
        <translation>Methodd yr argraffu am reswm annisgwyl; rhowch gynnig arall arni, a rhowch wybod i TG os yw&apos;n dal i ddigwydd.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The paper &apos;{paper}&apos; is not one the kiosk knows; use a4, a5 or receipt80.</source>
        <translation>Nid yw&apos;r ciosg yn adnabod y papur &apos;{paper}&apos;; defnyddiwch a4, a5 neu receipt80.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printer &apos;{printer}&apos; is not known to this computer.</source>
        <translation>Nid yw&apos;r cyfrifiadur hwn yn adnabod yr argraffydd &apos;{printer}&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The printer &apos;{printer}&apos; is stopped{says}.</source>
        <translation>Mae&apos;r argraffydd &apos;{printer}&apos; wedi&apos;i stopio{says}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing failed: {said}</source>
        <translation>Methodd yr argraffu: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The printing system is not answering (it says: {said}); restart the computer, and tell IT if it keeps happening.</source>
        <translation>Nid yw&apos;r system argraffu yn ateb (mae&apos;n dweud: {said}); ailgychwynnwch y cyfrifiadur, a rhowch wybod i TG os yw&apos;n dal i ddigwydd.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printing system did not answer within {seconds} seconds; restart the computer if this keeps happening.</source>
        <translation>Ni atebodd y system argraffu o fewn {seconds} eiliad; ailgychwynnwch y cyfrifiadur os yw hyn yn dal i ddigwydd.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The handout could not be prepared for the printer &apos;{printer}&apos;{says}; tell IT.</source>
        <translation>Nid oedd modd paratoi&apos;r daflen ar gyfer yr argraffydd &apos;{printer}&apos;{says}; rhowch wybod i TG.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printer &apos;{printer}&apos; cannot be reached: check it is switched on and connected.</source>
        <translation>Nid oes modd cyrraedd yr argraffydd &apos;{printer}&apos;: gwiriwch ei fod ymlaen ac wedi&apos;i gysylltu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printer &apos;{printer}&apos; held the handout instead of printing it; tell IT.</source>
        <translation>Daliodd yr argraffydd &apos;{printer}&apos; y daflen yn lle ei hargraffu; rhowch wybod i TG.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printer &apos;{printer}&apos; did not print the handout within {seconds} seconds{says}; check it is switched on and has paper.</source>
        <translation>Ni argraffodd yr argraffydd &apos;{printer}&apos; y daflen o fewn {seconds} eiliad{says}; gwiriwch ei fod ymlaen a bod ganddo bapur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The handout was cancelled at the printer &apos;{printer}&apos; before it printed.</source>
        <translation>Cafodd y daflen ei chanslo wrth yr argraffydd &apos;{printer}&apos; cyn iddi gael ei hargraffu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printing system gave up on the handout for the printer &apos;{printer}&apos;{says}.</source>
        <translation>Rhoddodd y system argraffu&apos;r gorau i&apos;r daflen ar gyfer yr argraffydd &apos;{printer}&apos;{says}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printer &apos;{printer}&apos; reports a fault; check it is switched on, has paper and is not paused.</source>
        <translation>Mae&apos;r argraffydd &apos;{printer}&apos; yn dweud bod nam; gwiriwch ei fod ymlaen, bod ganddo bapur ac nad yw wedi&apos;i oedi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The printer would not start the job; check it is switched on and connected.</source>
        <translation>Ni fyddai&apos;r argraffydd yn dechrau&apos;r gwaith; gwiriwch ei fod ymlaen ac wedi&apos;i gysylltu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The printer stopped part way through; check it has paper.</source>
        <translation>Stopiodd yr argraffydd hanner ffordd; gwiriwch fod ganddo bapur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The handout to print is missing ({file}); make it again.</source>
        <translation>Mae&apos;r daflen i&apos;w hargraffu ar goll ({file}); gwnewch hi eto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The handout {file} could not be read for printing; make it again.</source>
        <translation>Nid oedd modd darllen y daflen {file} i&apos;w hargraffu; gwnewch hi eto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Page {page} of the handout could not be drawn; make it again.</source>
        <translation>Nid oedd modd llunio tudalen {page} o&apos;r daflen; gwnewch hi eto.</translation>
    </message>
</context>
<context>
    <name>QrView</name>
    <message>
        <location filename="../../ui/widgets/qr_view.py" line="+46"/>
        <source>QR code</source>
        <translation>Cod QR</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Opens {address}</source>
        <translation>Yn agor {address}</translation>
    </message>
</context>
<context>
    <name>SavePlaceScreen</name>
    <message>
        <location filename="../../ui/screens/save_place.py" line="+87"/>
        <source>Save the handout</source>
        <translation>Cadw&apos;r daflen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose where to export</source>
        <translation>Dewis ble i allforio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where to save it</source>
        <translation>Ble i&apos;w chadw</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>File name</source>
        <translation>Enw&apos;r ffeil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save here</source>
        <translation>Cadw yma</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use this</source>
        <translation>Defnyddio hwn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look again for USB sticks</source>
        <translation>Chwilio eto am ffyn USB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Canslo</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Looking for USB sticks…</source>
        <translation>Yn chwilio am ffyn USB…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not look for USB sticks: {reason}</source>
        <translation>Methu chwilio am ffyn USB: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No USB stick found. Put one in and tap Look again. (IT can add folders with the save_folders setting.)</source>
        <translation>Dim ffon USB. Rhowch un i mewn a thapio Chwilio eto. (Gall TG ychwanegu ffolderi gyda&apos;r gosodiad save_folders.)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>USB stick: {name}</source>
        <translation>Ffon USB: {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder: {name}</source>
        <translation>Ffolder: {name}</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <location filename="../../ui/screens/search.py" line="+65"/>
        <source>Back</source>
        <translation>Nôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go back to the list of topics</source>
        <translation>Mynd nôl i&apos;r rhestr o bynciau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Chwilio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type what you need, for example bins</source>
        <translation>Teipiwch beth sydd ei angen arnoch, er enghraifft biniau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search for a service</source>
        <translation>Chwilio am wasanaeth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching services are listed as you type</source>
        <translation>Mae gwasanaethau sy&apos;n cyfateb yn cael eu rhestru wrth i chi deipio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matching services</source>
        <translation>Gwasanaethau sy&apos;n cyfateb</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Tap the letters to type a word. Matching services will appear here.</source>
        <translation>Tapiwch y llythrennau i deipio gair. Bydd gwasanaethau sy&apos;n cyfateb yn ymddangos yma.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No services match. Try another word.</source>
        <translation>Does dim gwasanaethau&apos;n cyfateb. Rhowch gynnig ar air arall.</translation>
    </message>
</context>
<context>
    <name>ServiceScreen</name>
    <message>
        <location filename="../../ui/screens/service.py" line="+286"/>
        <source>Step {number} of {total}</source>
        <translation>Cam {number} o {total}</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Read aloud: getting ready</source>
        <translation>Darllen yn uchel: wrthi&apos;n paratoi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Read aloud not available</source>
        <translation>Dim darllen yn uchel ar gael</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Back</source>
        <translation>Nôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous step</source>
        <translation>Cam blaenorol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>Cam nesaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the steps</source>
        <translation>Dechrau&apos;r camau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show QR code</source>
        <translation>Dangos cod QR</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Print handout</source>
        <translation>Argraffu taflen</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Read aloud</source>
        <translation>Darllen yn uchel</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Back to the overview</source>
        <translation>Yn ôl i&apos;r trosolwg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to step {number}</source>
        <translation>Yn ôl i gam {number}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Print another copy</source>
        <translation>Argraffu copi arall</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Getting the handout ready...</source>
        <translation>Wrthi&apos;n paratoi&apos;r daflen...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending the handout to the printer... Wait for it to come out.</source>
        <translation>Wrthi&apos;n anfon y daflen i&apos;r argraffydd... Arhoswch iddi ddod allan.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The handout has printed. Give it to the resident.</source>
        <translation>Mae&apos;r daflen wedi&apos;i hargraffu. Rhowch hi i&apos;r preswylydd.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The handout was sent to the printer, but the kiosk cannot check that it printed. Look at the printer; if nothing came out, show the QR code or save the PDF.</source>
        <translation>Anfonwyd y daflen i&apos;r argraffydd, ond ni all y ciosg wirio ei bod wedi&apos;i hargraffu. Edrychwch ar yr argraffydd; os na ddaeth dim allan, dangoswch y cod QR neu cadwch y PDF.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The handout did not print: {reason} Show the QR code instead, or save the PDF.</source>
        <translation>Ni chafodd y daflen ei hargraffu: {reason} Dangoswch y cod QR yn lle hynny, neu cadwch y PDF.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Saved the handout to {place} as {file}</source>
        <translation>Wedi cadw&apos;r daflen yn {place} fel {file}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Show on the council&apos;s site</source>
        <translation>Dangos ar wefan y cyngor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finish</source>
        <translation>Gorffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save PDF</source>
        <translation>Cadw PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you will need</source>
        <translation>Beth fydd ei angen arnoch chi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the QR code with your phone&apos;s camera, or type:</source>
        <translation>Sganiwch y cod QR gyda chamera eich ffôn, neu teipiwch:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time needed: {time}</source>
        <translation>Amser sydd ei angen: {time}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Check the address starts with {prefix} before you enter any details.</source>
        <translation>Gwiriwch fod y cyfeiriad yn dechrau gyda {prefix} cyn i chi roi unrhyw fanylion.</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../ui/supervisor/settings_panel.py" line="+58"/>
        <source>Printing a test handout…</source>
        <translation>Yn argraffu taflen brawf…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test handout printed. Check it came out.</source>
        <translation>Mae&apos;r daflen brawf wedi argraffu. Gwiriwch ei bod wedi dod allan.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The test handout was sent to the printer. Look for it there.</source>
        <translation>Mae&apos;r daflen brawf wedi&apos;i hanfon i&apos;r argraffydd. Chwiliwch amdani yno.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The test handout did not print: {reason}</source>
        <translation>Ni chafodd y daflen brawf ei hargraffu: {reason}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Back to the start screen after no touch for</source>
        <translation>Yn ôl i&apos;r sgrin gychwyn ar ôl dim cyffyrddiad am</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{minutes} min</source>
        <translation>{minutes} mun</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{seconds} s</source>
        <translation>{seconds} eil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handout paper</source>
        <translation>Papur y daflen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>80 mm receipt</source>
        <translation>Derbynneb 80 mm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printer</source>
        <translation>Argraffydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System default</source>
        <translation>Rhagosodiad y system</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print a test handout</source>
        <translation>Argraffu taflen brawf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On the printer in use now (a new choice applies after Save and a restart)</source>
        <translation>Ar yr argraffydd sy&apos;n cael ei ddefnyddio nawr (mae dewis newydd yn gweithio ar ôl Cadw ac ailgychwyn)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Saved. The new settings apply after a restart.</source>
        <translation>Wedi cadw. Bydd y gosodiadau newydd yn dod i rym ar ôl ailgychwyn.</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../ui/screens/start.py" line="+210"/>
        <source>Choose your staff code</source>
        <translation>Dewiswch eich cod staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Nôl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out</source>
        <translation>Allgofnodi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At the end of your shift</source>
        <translation>Ar ddiwedd eich shifft</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <location line="-83"/>
        <source>Search for a service</source>
        <translation>Chwilio am wasanaeth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General enquiry</source>
        <translation>Ymholiad cyffredinol</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Staff: %1</source>
        <translation>Staff: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>Mewngofnodi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose your staff code</source>
        <translation>Dewiswch eich cod staff</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change the size of the words</source>
        <translation>Newid maint y geiriau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the kiosk in this language</source>
        <translation>Dangos y ciosg yn yr iaith hon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contrast</source>
        <translation>Cyferbyniad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>White and yellow text on black</source>
        <translation>Testun gwyn a melyn ar ddu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Normal text</source>
        <translation>Testun arferol</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Large text</source>
        <translation>Testun mawr</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Largest text</source>
        <translation>Testun mwyaf</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../ui/widgets/status_line.py" line="+59"/>
        <location line="+11"/>
        <location line="+148"/>
        <source>Status for staff</source>
        <translation>Statws i staff</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Upload status unavailable</source>
        <translation>Dim statws uwchlwytho ar gael</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1 contact waiting to upload</source>
        <translation>1 cyswllt yn aros i&apos;w uwchlwytho</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n contacts waiting to upload</source>
        <translation>
            <numerusform>Dim cysylltiadau&apos;n aros i&apos;w huwchlwytho</numerusform>
            <numerusform>%n cyswllt yn aros i&apos;w uwchlwytho</numerusform>
            <numerusform>%n o gysylltiadau&apos;n aros i&apos;w huwchlwytho</numerusform>
            <numerusform>%n o gysylltiadau&apos;n aros i&apos;w huwchlwytho</numerusform>
            <numerusform>%n o gysylltiadau&apos;n aros i&apos;w huwchlwytho</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The services catalog has errors: showing the last good version. Tell your supervisor.</source>
        <translation>Mae gwallau yn y catalog gwasanaethau: yn dangos y fersiwn dda ddiwethaf. Dywedwch wrth eich goruchwyliwr.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The catalog from the council&apos;s hub could not be taken: “{reason}”. The kiosk keeps the one it has. Tell IT.</source>
        <translation>Nid oedd modd cymryd y catalog o hyb y cyngor: “{reason}”. Mae&apos;r ciosg yn cadw&apos;r un sydd ganddo. Rhowch wybod i TG.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Staff: %1</source>
        <translation>Staff: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Upload switched off</source>
        <translation>Uwchlwytho wedi&apos;i ddiffodd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upload not set up</source>
        <translation>Uwchlwytho heb ei osod</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last upload %1: worked</source>
        <translation>Uwchlwythiad diwethaf %1: llwyddodd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not uploaded yet</source>
        <translation>Heb uwchlwytho eto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status for staff: needs attention</source>
        <translation>Statws i staff: angen sylw</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Last upload failed: %1</source>
        <translation>Methodd yr uwchlwythiad diwethaf: %1</translation>
    </message>
</context>
<context>
    <name>StillThereOverlay</name>
    <message>
        <location filename="../../ui/widgets/still_there.py" line="+73"/>
        <location line="+1"/>
        <source>Are you still there?</source>
        <translation>Ydych chi dal yno?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&apos;m still here</source>
        <translation>Rydw i dal yma</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>The screen will clear in %n seconds</source>
        <translation>
            <numerusform>Bydd y sgrin yn clirio mewn %n eiliad</numerusform>
            <numerusform>Bydd y sgrin yn clirio mewn %n eiliad</numerusform>
            <numerusform>Bydd y sgrin yn clirio mewn %n eiliad</numerusform>
            <numerusform>Bydd y sgrin yn clirio mewn %n eiliad</numerusform>
            <numerusform>Bydd y sgrin yn clirio mewn %n eiliad</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorArea</name>
    <message>
        <location filename="../../ui/supervisor/area.py" line="+154"/>
        <source>Supervisor</source>
        <translation>Goruchwyliwr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave the supervisor area</source>
        <translation>Gadael ardal y goruchwyliwr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures</source>
        <translation>Ffigurau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload</source>
        <translation>Uwchlwytho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Allforio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Gosodiadau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kiosk</source>
        <translation>Ciosg</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reload catalog</source>
        <translation>Ail-lwytho&apos;r catalog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>Problemau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exit kiosk mode</source>
        <translation>Gadael modd ciosg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restart</source>
        <translation>Ailgychwyn</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Kiosk version: {version}</source>
        <translation>Fersiwn y ciosg: {version}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site: {site}</source>
        <translation>Safle: {site}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desk: {desk}</source>
        <translation>Desg: {desk}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This kiosk runs as a system service, which starts it again whenever it closes. IT can take it out of service with: sudo systemctl stop assisted-digital-kiosk</source>
        <translation>Mae&apos;r ciosg hwn yn rhedeg fel gwasanaeth system, sy&apos;n ei gychwyn eto pryd bynnag y bydd yn cau. Gall TG ei dynnu allan o wasanaeth gyda: sudo systemctl stop assisted-digital-kiosk</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Settings read from: {files}</source>
        <translation>Gosodiadau wedi&apos;u darllen o: {files}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>built-in defaults only</source>
        <translation>y rhagosodiadau adeiledig yn unig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log file: {file}</source>
        <translation>Ffeil log: {file}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Log file: none (this kiosk logs to the screen only)</source>
        <translation>Ffeil log: dim (mae&apos;r ciosg hwn yn cofnodi i&apos;r sgrin yn unig)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Version: {version}</source>
        <translation>Fersiwn: {version}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services: {count}</source>
        <translation>Gwasanaethau: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past their review date: {count}</source>
        <translation>Wedi pasio&apos;u dyddiad adolygu: {count}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The catalog has errors: the kiosk is running on the last good copy.</source>
        <translation>Mae gwallau yn y catalog: mae&apos;r ciosg yn defnyddio&apos;r copi da diwethaf.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>From the council&apos;s hub: version {version}, published by {who} at {when}</source>
        <translation>O hyb y cyngor: fersiwn {version}, wedi&apos;i chyhoeddi gan {who} am {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last check with the hub, {when}: not taken: “{reason}”</source>
        <translation>Gwiriad diwethaf gyda&apos;r hyb, {when}: heb ei gymryd: “{reason}”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last check with the hub, {when}: up to date</source>
        <translation>Gwiriad diwethaf gyda&apos;r hyb, {when}: yn gyfredol</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Checking…</source>
        <translation>Wrthi&apos;n gwirio…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The check failed; tell IT.</source>
        <translation>Methodd y gwiriad; rhowch wybod i TG.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>The catalog has %n error(s), so it was refused; the kiosk keeps the one it has.</source>
        <translation>
            <numerusform>Mae gan y catalog %n gwall, felly cafodd ei wrthod; mae&apos;r ciosg yn cadw&apos;r un sydd ganddo.</numerusform>
            <numerusform>Mae gan y catalog %n gwall, felly cafodd ei wrthod; mae&apos;r ciosg yn cadw&apos;r un sydd ganddo.</numerusform>
            <numerusform>Mae gan y catalog %n o wallau, felly cafodd ei wrthod; mae&apos;r ciosg yn cadw&apos;r un sydd ganddo.</numerusform>
            <numerusform>Mae gan y catalog %n o wallau, felly cafodd ei wrthod; mae&apos;r ciosg yn cadw&apos;r un sydd ganddo.</numerusform>
            <numerusform>Mae gan y catalog %n o wallau, felly cafodd ei wrthod; mae&apos;r ciosg yn cadw&apos;r un sydd ganddo.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The catalog passed its checks; the kiosk restarts to use it.</source>
        <translation>Mae&apos;r catalog wedi pasio&apos;i wiriadau; mae&apos;r ciosg yn ailgychwyn i&apos;w ddefnyddio.</translation>
    </message>
</context>
<context>
    <name>TouchKeypad</name>
    <message>
        <location filename="../../ui/widgets/keypad.py" line="+56"/>
        <source>Number {digit}</source>
        <translation>Rhif {digit}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Letter {letter}</source>
        <translation>Llythyren {letter}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space</source>
        <translation>Bwlch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete last letter</source>
        <translation>Dileu&apos;r llythyren olaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>Clirio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a space between words</source>
        <translation>Teipio bwlch rhwng geiriau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete everything typed so far</source>
        <translation>Dileu popeth sydd wedi&apos;i deipio</translation>
    </message>
</context>
<context>
    <name>UploadPanel</name>
    <message>
        <location filename="../../ui/supervisor/upload_panel.py" line="+58"/>
        <source>Upload</source>
        <translation>Uwchlwytho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload now</source>
        <translation>Uwchlwytho nawr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requeue rejected</source>
        <translation>Ciwio&apos;r rhai a wrthodwyd eto</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Uploading now…</source>
        <translation>Yn llwytho i fyny nawr…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Upload is not set up, so contacts stay on this kiosk. IT must set upload_target (the council&apos;s upload address) and the upload token in the kiosk&apos;s settings.</source>
        <translation>Nid yw llwytho i fyny wedi&apos;i osod, felly mae&apos;r cysylltiadau&apos;n aros ar y ciosg hwn. Rhaid i TG osod upload_target (cyfeiriad llwytho i fyny&apos;r cyngor) a&apos;r tocyn llwytho i fyny yng ngosodiadau&apos;r ciosg.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Not requeued: {reason}</source>
        <translation>Heb ei roi yn ôl yn y ciw: {reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waiting to upload: {count}</source>
        <translation>Yn aros i&apos;w huwchlwytho: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent: {count}</source>
        <translation>Wedi&apos;u hanfon: {count}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The upload status could not be read; tell IT.</source>
        <translation>Nid oedd modd darllen statws yr uwchlwytho; rhowch wybod i TG.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rejected by the receiving system: {count}</source>
        <translation>Wedi&apos;u gwrthod gan y system dderbyn: {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{reason}”: {count}</source>
        <translation>“{reason}”: {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Held batches: {count}</source>
        <translation>Sypiau a ddaliwyd: {count}</translation>
    </message>
    <message numerus="yes">
        <location line="-51"/>
        <source>Requeued %n rejected contact(s).</source>
        <translation>
            <numerusform>Dim cysylltiadau a wrthodwyd wedi&apos;u hail-giwio.</numerusform>
            <numerusform>Wedi ail-giwio %n cyswllt a wrthodwyd.</numerusform>
            <numerusform>Wedi ail-giwio %n o gysylltiadau a wrthodwyd.</numerusform>
            <numerusform>Wedi ail-giwio %n o gysylltiadau a wrthodwyd.</numerusform>
            <numerusform>Wedi ail-giwio %n o gysylltiadau a wrthodwyd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Requeued %n held batch(es).</source>
        <translation>
            <numerusform>Dim sypiau a ddaliwyd wedi&apos;u hail-giwio.</numerusform>
            <numerusform>Wedi ail-giwio %n swp a ddaliwyd.</numerusform>
            <numerusform>Wedi ail-giwio %n o sypiau a ddaliwyd.</numerusform>
            <numerusform>Wedi ail-giwio %n o sypiau a ddaliwyd.</numerusform>
            <numerusform>Wedi ail-giwio %n o sypiau a ddaliwyd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+52"/>
        <source>Batch {batch} (%n contact(s)): {problem}</source>
        <translation>
            <numerusform>Swp {batch} (%n cyswllt): {problem}</numerusform>
            <numerusform>Swp {batch} (%n cyswllt): {problem}</numerusform>
            <numerusform>Swp {batch} (%n o gysylltiadau): {problem}</numerusform>
            <numerusform>Swp {batch} (%n o gysylltiadau): {problem}</numerusform>
            <numerusform>Swp {batch} (%n o gysylltiadau): {problem}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last sent: never</source>
        <translation>Anfon diwethaf: dim eto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sent: {when}</source>
        <translation>Anfon diwethaf: {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sent: {when} ({accepted} accepted, {rejected} rejected)</source>
        <translation>Anfon diwethaf: {when} ({accepted} wedi&apos;u derbyn, {rejected} wedi&apos;u gwrthod)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Last problem: none</source>
        <translation>Problem ddiwethaf: dim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last problem: {when}: {problem}</source>
        <translation>Problem ddiwethaf: {when}: {problem}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next attempt: none until upload is set up</source>
        <translation>Y cynnig nesaf: dim nes bod llwytho i fyny wedi&apos;i osod</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next attempt: now, or when new contacts arrive</source>
        <translation>Ymgais nesaf: nawr, neu pan ddaw cysylltiadau newydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next attempt: {when}</source>
        <translation>Ymgais nesaf: {when}</translation>
    </message>
    <message>
        <location filename="../../ui/upload_words.py" line="+26"/>
        <source>the receiving system answered HTTP {status}</source>
        <translation>atebodd y system dderbyn HTTP {status}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the receiving system&apos;s answer (HTTP {status}) was not in the agreed form</source>
        <translation>nid oedd ateb y system dderbyn (HTTP {status}) yn y ffurf a gytunwyd</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the receiving system&apos;s answer (HTTP {status}) cannot be true of the batch sent; it is held and nothing in it is marked sent</source>
        <translation>ni all ateb y system dderbyn (HTTP {status}) fod yn wir am y swp a anfonwyd; mae&apos;r swp wedi&apos;i ddal a does dim ynddo wedi&apos;i nodi fel wedi&apos;i anfon</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the receiving system&apos;s answer was too large to read</source>
        <translation>roedd ateb y system dderbyn yn rhy fawr i&apos;w ddarllen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the upload token was refused (HTTP {status}); nothing is lost: IT should check the token</source>
        <translation>gwrthodwyd y tocyn uwchlwytho (HTTP {status}); does dim wedi&apos;i golli: dylai TG wirio&apos;r tocyn</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the receiving system sends uploads elsewhere (HTTP {status}); nothing was sent there: IT should check upload_target</source>
        <translation>mae&apos;r system derbyn yn anfon uwchlwythiadau i rywle arall (HTTP {status}); ni anfonwyd dim yno: dylai TG wirio upload_target</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>one contact is too large for the receiving system</source>
        <translation>mae un cyswllt yn rhy fawr i&apos;r system dderbyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the receiving system&apos;s certificate is not trusted</source>
        <translation>does dim ymddiriedaeth yn nhystysgrif y system dderbyn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the receiving system did not answer in time</source>
        <translation>ni atebodd y system dderbyn mewn pryd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the receiving system refused the connection</source>
        <translation>gwrthododd y system dderbyn y cysylltiad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the receiving system&apos;s name could not be found (is the network down?)</source>
        <translation>nid oedd modd dod o hyd i enw&apos;r system dderbyn (ydy&apos;r rhwydwaith i lawr?)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no answer from the receiving system</source>
        <translation>dim ateb gan y system dderbyn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the shared folder could not be written</source>
        <translation>nid oedd modd ysgrifennu i&apos;r ffolder a rennir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the upload is not set up right</source>
        <translation>nid yw&apos;r uwchlwytho wedi&apos;i osod yn gywir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the upload failed unexpectedly; it will try again</source>
        <translation>methodd yr uwchlwythiad yn annisgwyl; bydd yn ceisio eto</translation>
    </message>
</context>
</TS>
