"""Printed handouts: the service's QR code, its address in full, what you need and the steps."""
