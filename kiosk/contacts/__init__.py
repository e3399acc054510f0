"""The assisted-digital contact log: codes only, durable, exportable."""
