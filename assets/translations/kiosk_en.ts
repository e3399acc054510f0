<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/status_line.py" line="+157"/>
        <source>%n contacts waiting to upload</source>
        <translation>
            <numerusform>%n contact waiting to upload</numerusform>
            <numerusform>%n contacts waiting to upload</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StillThereOverlay</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/still_there.py" line="+97"/>
        <source>The screen will clear in %n seconds</source>
        <translation>
            <numerusform>The screen will clear in %n second</numerusform>
            <numerusform>The screen will clear in %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisorArea</name>
    <message numerus="yes">
        <location filename="../../ui/supervisor/area.py" line="+383"/>
        <source>The catalog has %n error(s), so it was refused; the kiosk keeps the one it has.</source>
        <translation>
            <numerusform>The catalog has %n error, so it was refused; the kiosk keeps the one it has.</numerusform>
            <numerusform>The catalog has %n errors, so it was refused; the kiosk keeps the one it has.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UploadPanel</name>
    <message numerus="yes">
        <location filename="../../ui/supervisor/upload_panel.py" line="+110"/>
        <source>Requeued %n rejected contact(s).</source>
        <translation>
            <numerusform>Requeued %n rejected contact.</numerusform>
            <numerusform>Requeued %n rejected contacts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Requeued %n held batch(es).</source>
        <translation>
            <numerusform>Requeued %n held batch.</numerusform>
            <numerusform>Requeued %n held batches.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+52"/>
        <source>Batch {batch} (%n contact(s)): {problem}</source>
        <translation>
            <numerusform>Batch {batch} (%n contact): {problem}</numerusform>
            <numerusform>Batch {batch} (%n contacts): {problem}</numerusform>
        </translation>
    </message>
</context>
</TS>
