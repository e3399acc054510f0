"""The codes of the log in plain English words, for reports (the PDF and the figures).

Plain data, so the supervisor's figures can word them without loading reportlab.
"""

LABELS = {
    "showed_how": "Showed how",
    "did_together": "Did it together",
    "did_for_them": "Did it for them",
    "handout_only": "Handout only",
    "signposted": "Signposted",
    "completed": "Completed",
    "started": "Started",
    "will_do_later": "Will do later",
    "could_not_complete": "Could not complete",
    "not_recorded": "Not recorded",
    "access": "Access",
    "skills": "Skills",
    "confidence": "Confidence",
    "trust": "Trust",
    "accessibility": "Accessibility",
    "language": "Language",
}
LANGUAGES = {
    "en": "English", "cy": "Welsh", "pl": "Polish", "ur": "Urdu", "pa": "Punjabi",
    "bn": "Bengali", "ar": "Arabic", "ro": "Romanian", "gu": "Gujarati", "so": "Somali",
    "pt": "Portuguese", "lt": "Lithuanian", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip
