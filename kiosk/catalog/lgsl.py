"""The Local Government Services List codes that catalog services are checked against."""

import csv
import io
from functools import cache

from kiosk.resources import lgsl_csv_text


@cache
def lgsl_codes() -> dict[int, str]:
    """LGSL code -> its plain description, from the list GOV.UK uses."""
    rows = csv.DictReader(io.StringIO(lgsl_csv_text()))
    return {int(row["LGSL"]): " ".join(row["Description"].split()) for row in rows}
