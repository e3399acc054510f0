from kiosk.catalog.schema import Tracking
from kiosk.handouts.tracking import tracked_url

TAGS = "utm_source=kiosk&utm_medium=qr&utm_campaign=assisted-digital&utm_content=library-desk-2"


def test_tags_say_which_desk_the_scan_came_from() -> None:
    url = tracked_url("https://www.example.org/bins", Tracking(), "library", "desk-2")
    assert url == f"https://www.example.org/bins?{TAGS}"


def test_an_existing_query_and_fragment_are_kept() -> None:
    url = tracked_url(
        "https://www.example.org/pay?type=ctax#start", Tracking(), "library", "desk-2"
    )
    assert url == f"https://www.example.org/pay?type=ctax&{TAGS}#start"


def test_tracking_can_be_switched_off() -> None:
    off = Tracking(enabled=False)
    assert (
        tracked_url("https://www.example.org/bins", off, "a", "b")
        == "https://www.example.org/bins"
    )


def test_council_chooses_the_campaign_names() -> None:
    own = Tracking(source="frontdesk", medium="print", campaign="channel-shift")
    url = tracked_url("https://www.example.org/bins", own, "Civic", "D1")
    assert url.endswith(
        "utm_source=frontdesk&utm_medium=print&utm_campaign=channel-shift&utm_content=civic-d1"
    )
