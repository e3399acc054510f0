"""The only values the contact log may hold: codes, never free text or personal data."""

import re

# What staff tap on the log screen (and may give ``kiosk log``)...
MODES_TO_TAP = ("showed_how", "did_together", "did_for_them", "handout_only", "signposted")
OUTCOMES_TO_TAP = ("completed", "started", "will_do_later", "could_not_complete")
# ...and what the log holds: also an answer nobody gave, when the idle reset saved a contact
# staff had begun to log (never the screen's preset answer, which would flatter the figures).
NOT_RECORDED = "not_recorded"
MODES = (*MODES_TO_TAP, NOT_RECORDED)
OUTCOMES = (*OUTCOMES_TO_TAP, NOT_RECORDED)
BARRIERS = ("access", "skills", "confidence", "trust", "accessibility", "language")
NEXT_TIME_ONLINE = ("yes", "with_help", "no", "unsure")
REFERRALS = ("digital_skills", "device_loan", "data_bank", "library_pcs", "other_service")
SOURCES = ("kiosk", "idle_reset", "manual", "import", "demo")  # idle_reset: saved by the reset
IDLE_RESET = "idle_reset"
GENERAL = "general"  # a contact about no single service

# The allow-list of columns, in order. A column not here must never appear (a test holds it).
COLUMNS = (
    "id",
    "recorded_at",
    "site",
    "desk",
    "staff",
    "service_id",
    "lgsl",
    "mode",
    "outcome",
    "barriers",
    "language",
    "handout",
    "next_time_online",
    "referral",
    "duration_s",
    "catalog_version",
    "source",
    "uploaded_at",
)

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}\Z")  # site, desk, service ids
CODE_RULE = "letters, digits, - and _, at most 40"
STAFF_CODE = re.compile(r"[A-Za-z0-9]{1,8}")  # the most any council's staff_code_pattern allows
STAFF_PATTERN = "[A-Z]{2,4}|[0-9]{1,6}"  # the default form: initials or a staff number
STAFF_PATTERN_RULE = "2 to 4 capital letters, or up to 6 digits"
NO_STAFF_CODE = ("manual", "unsigned")  # stand-ins: added with kiosk contacts add; not signed in
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")  # BCP 47, as used here
LANGUAGE_MAX = 35  # RFC 5646's advice for the longest tag worth supporting
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
