"""PDF reports of a review (reportlab), and the consistency check before issuing one.

    from wss_desktop.core import reports
    result = reports.render(bundle, reports.ReportOptions(kind=reports.ReportKind.FULL), "out.pdf")
    findings = reports.consistency_check(bundle)

One module per report kind (full, summary, self_evaluation, follow_up); shared
building blocks in blocks.py and common.py; what the report says, before layout, in
content.py; the build itself in engine.py. Nothing here stores anything: options.py
holds the plain values a saved draft is made of.
"""

from .blocks import ReportCancelled
from .consistency import Finding, FindingKind, consistency_check, tension
from .content import default_paragraphs, report_photos
from .engine import render, render_bytes
from .options import (DEFAULT_ACCENT, PARAGRAPHS, SECTIONS, Branding, BrandingProfile,
                      ReportDraft, ReportKind, ReportOptions, ReportPhoto, ReportResult,
                      options_from_draft, section_ids)

from .stored import options_for
from .word import render_docx

__all__ = [
    "options_for", "render_docx",
    "Branding", "BrandingProfile", "DEFAULT_ACCENT", "Finding", "FindingKind", "PARAGRAPHS",
    "ReportCancelled", "ReportDraft", "ReportKind", "ReportOptions", "ReportPhoto",
    "ReportResult", "SECTIONS", "consistency_check", "default_paragraphs", "options_from_draft",
    "render", "render_bytes", "report_photos", "section_ids", "tension",
]
