"""The supervisor's way in (a PIN) and the area behind it: upload, catalog and kiosk controls."""
