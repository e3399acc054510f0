"""Handouts: one A4 handout against its floor, and a hundred in a row.

Budgets (issue 4): the median A4 handout at most 1.5x the floor, which is the qrcode matrix
for the same address plus an empty reportlab page, measured in the same run; 100 handouts in
at most 3 s.
"""

import io
import itertools
import time

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bench.timing import median, timings_ms, verdict
from kiosk.catalog import Catalog, load_catalog
from kiosk.handouts.document import forget_remembered, make_handout
from kiosk.resources import demo_catalog_dir

SERVICE = "pay-council-tax"


def _floor(url: str) -> None:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    code.get_matrix()
    canvas = Canvas(io.BytesIO(), pagesize=A4)
    canvas.showPage()
    canvas.save()


def _one(catalog: Catalog, service_id: str, *, cold: bool = True) -> bytes:
    if cold:  # like the floor, compute everything afresh
        forget_remembered()
    return make_handout(catalog, service_id, paper="a4", site="main-office", desk="desk-1").pdf


def run() -> None:
    catalog = load_catalog(demo_catalog_dir())
    url = make_handout(catalog, SERVICE, site="main-office", desk="desk-1").qr_data
    ours, again, floor = [], [], []
    for _ in range(25):  # interleaved, so a noisy moment hits all three
        ours += timings_ms(lambda: _one(catalog, SERVICE), 1)
        again += timings_ms(lambda: _one(catalog, SERVICE, cold=False), 1)
        floor += timings_ms(lambda: _floor(url), 1)
    ratio = median(ours) / median(floor)
    services = list(itertools.islice(itertools.cycle(catalog.services), 100))
    forget_remembered()
    start = time.perf_counter()
    for service_id in services:  # 38 services in turn: from the 39th on, each is a repeat
        _one(catalog, service_id, cold=False)
    hundred = time.perf_counter() - start
    print("handouts (A4, fonts embedded, fitted to one page)")
    print(
        f"  one handout median {median(ours):6.1f} ms   (floor: qrcode matrix + empty page "
        f"{median(floor):.1f} ms, ratio {ratio:.2f})   budget ratio 1.5: {verdict(ratio <= 1.5)}"
    )
    print(
        f"  the same handout again median {median(again):6.1f} ms (QR code and layout "
        f"remembered; ratio {median(again) / median(floor):.2f})"
    )
    print(
        f"  100 handouts     {hundred:6.2f} s   (38 services in turn)   "
        f"budget 3 s: {verdict(hundred <= 3)}"
    )
