"""Every write of the evaluation app: plain functions, keyword arguments, all or nothing."""

from django.db import transaction
from django.db.models import Max

from mobilise.core import happenings
from mobilise.core.forms import is_id
from mobilise.core.services import save_fields
from mobilise.core.uploads import clean_name
from mobilise.projects.models import Project

from . import access, casestudy, periods
from . import activities as claim_activities
from .models import (
    Actual,
    CaseStudy,
    Evidence,
    EvidenceKind,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
    ImpactClaim,
    Indicator,
    Learning,
    Period,
    Question,
    QuestionKind,
)


class EvaluationError(Exception):
    pass


def _next_position(queryset):
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


# -- Evaluation questions --------------------------------------------------------------------------------------


@transaction.atomic
def save_question(*, project, question=None, **values):
    if question is None:
        question = Question(project=project, position=_next_position(Question.objects.filter(project=project)))
    return save_fields(question, values)


@transaction.atomic
def delete_question(*, question):
    question.delete()


# -- Indicators ------------------------------------------------------------------------------------------------


def parse_breakdowns(text):
    """{"Ethnicity": ["Bangladeshi", ...]} from lines like “Ethnicity: Bangladeshi, Pakistani”; ValueError."""
    result = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, colon, rest = line.partition(":")
        categories = [c.strip() for c in rest.split(",") if c.strip()]
        if not colon or not name.strip() or len(categories) < 2:
            raise ValueError(
                f"Line {number}: write a breakdown as its name, a colon and two or more categories "
                "separated by commas, for example “Sex: Female, Male”"
            )
        if name.strip() in result:
            raise ValueError(f"Line {number}: the breakdown “{name.strip()}” is listed twice")
        if len(set(c.casefold() for c in categories)) < len(categories):
            raise ValueError(f"Line {number}: a category is listed twice")
        if len(name.strip()) > 100 or any(len(c) > 100 for c in categories):
            raise ValueError(f"Line {number}: names must be 100 characters or fewer")
        result[name.strip()] = categories
    return result


def breakdowns_text(breakdowns):
    return "\n".join(f"{name}: {', '.join(categories)}" for name, categories in (breakdowns or {}).items())


@transaction.atomic
def save_indicator(*, project, indicator=None, **values):
    if values.get("element") is not None and values["element"].model.project_id != project.pk:
        raise EvaluationError("The element is not in this project's logic model")
    indicator = save_fields(indicator or Indicator(project=project), values)
    # Actuals of a category no longer listed would be unreachable: remove them.
    keep = indicator.breakdowns or {}
    for actual in Actual.objects.filter(period__indicator=indicator).exclude(dimension=""):
        if actual.category not in keep.get(actual.dimension, []):
            actual.delete()
    return indicator


@transaction.atomic
def delete_indicator(*, indicator):
    indicator.delete()


@transaction.atomic
def save_period(*, indicator, period=None, label, ends, target=None):
    clash = Period.objects.filter(indicator=indicator, label__iexact=label)
    if period is not None:
        clash = clash.exclude(pk=period.pk)
    if clash.exists():
        raise EvaluationError(f"There is already a period called “{label}”")
    period = period or Period(indicator=indicator)
    period.label, period.ends, period.target = label, ends, target
    period.save()
    return period


class PeriodClash(EvaluationError):
    """Generated periods would overlap ones the indicators have: one message an indicator."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@transaction.atomic
def generate_periods(
    *, indicators, spans: list[periods.Span], target_mode: str = periods.NO_TARGETS, target=None
) -> list[Period]:
    """The spans as periods of every indicator, with targets spread across them; all or nothing. Refused
    (PeriodClash, nothing saved) when an indicator already has a period ending within the spans or of the same
    name: a period is known by its last day."""
    if not spans or len(spans) > periods.MAX_PERIODS:
        raise EvaluationError(f"Generate from 1 to {periods.MAX_PERIODS} periods at a time")
    # Lock the indicators, so two people generating at once cannot both pass the check.
    list(Indicator.objects.select_for_update().filter(pk__in=[i.pk for i in indicators]))
    existing = Period.objects.filter(indicator__in=indicators).order_by("ends", "pk").select_related("indicator")
    messages = periods.clashes(existing, spans)
    if messages:
        raise PeriodClash(messages)
    values = periods.targets(target_mode, target, len(spans))
    created = []
    for indicator in indicators:
        for span, value in zip(spans, values, strict=True):
            period = Period(indicator=indicator, label=span.label, ends=span.ends, target=value)
            period.save()
            created.append(period)
    return created


@transaction.atomic
def delete_period(*, period):
    period.delete()


@transaction.atomic
def set_actuals(*, period, values):
    """values maps (dimension, category) to a Decimal, or None to clear it; ("", "") is the total."""
    for (dimension, category), value in values.items():
        if value is None:
            Actual.objects.filter(period=period, dimension=dimension, category=category).delete()
        else:
            Actual.objects.update_or_create(
                period=period, dimension=dimension, category=category, defaults={"value": value}
            )


@transaction.atomic
def save_feedback_form(*, project, form=None, **values):
    return save_fields(form or FeedbackForm(project=project), values)


@transaction.atomic
def save_feedback_question(*, form, question=None, kind, text, choices="", required=False):
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options = [c.strip() for c in choices.splitlines() if c.strip()]
        if len(options) < 2:
            raise EvaluationError("Give at least two choices, one a line")
    if question is not None and kind != question.kind and form.responses.exists():
        # Earlier answers were given to the old kind (a rating is not a choice): they would no longer add up.
        raise EvaluationError(
            "The form has responses, so this question's kind cannot change. Remove the question "
            "and add a new one instead."
        )
    question = question or FeedbackQuestion(
        form=form, position=_next_position(FeedbackQuestion.objects.filter(form=form))
    )
    question.kind, question.text, question.choices, question.required = kind, text, choices, required
    question.save()
    return question


@transaction.atomic
def delete_feedback_question(*, question):
    question.delete()


@transaction.atomic
def start_survey(*, owner, title, intro="", questions):
    """A feedback form that belongs to another app's object (owner), not to a project: a support case's exit survey,
    a webinar's feedback. questions: (kind, text, choices, required) in order. Answered through the same link."""
    form = FeedbackForm.objects.create(owner=owner, title=title, intro=intro)
    FeedbackQuestion.objects.bulk_create(
        FeedbackQuestion(form=form, kind=kind, text=text, choices=choices, required=required, position=position)
        for position, (kind, text, choices, required) in enumerate(questions, start=1)
    )
    return form


@transaction.atomic
def record_response(*, form, answers):
    """answers maps a question pk to the answer text, or a list of them; blanks are left out."""
    if not form.is_open:
        raise EvaluationError("This form is closed")
    kept = {str(k): v for k, v in answers.items() if v not in ("", None, [])}
    return FeedbackResponse.objects.create(form=form, answers=kept)


# -- Impact evidence and learning ------------------------------------------------------------------------------


@transaction.atomic
def save_claim(*, project, claim=None, activities=None, **values):
    """activities: {kind name (activities.kinds()): the rows of that kind the claim links to}; kinds left out keep
    their links. Rows that are not the project's are not linked."""
    claim = claim or ImpactClaim(project=project)
    adding = claim._state.adding
    save_fields(claim, values)
    for kind in claim_activities.kinds():
        if activities and kind.name in activities:
            claim_activities.link(kind, project, claim, [row.pk for row in activities[kind.name]])
    if adding:
        happenings.announce("impact_claim.created", claim, project=project)
    return claim


@transaction.atomic
def relink_element(ref: str, element) -> None:
    """An indicator or claim (ref from the planning.references hook) points again at the element a restore or an
    import brought back, unless someone has linked it to something else meanwhile."""
    kind, _, pk = ref.partition(":")
    model, field = {"indicator": (Indicator, "element"), "claim": (ImpactClaim, "outcome")}.get(kind, (None, ""))
    row = model and is_id(pk) and model.objects.filter(pk=int(pk), project_id=element.model.project_id).first()
    if row and getattr(row, f"{field}_id") is None:
        setattr(row, field, element)
        row.save(update_fields=[field])


@transaction.atomic
def delete_claim(*, claim):
    for evidence in claim.evidence.all():
        delete_evidence(evidence=evidence)
    claim.delete()


def _check_consent(evidence: Evidence) -> None:
    if evidence.kind == EvidenceKind.TESTIMONIAL and not evidence.consent:
        raise EvaluationError("Keep a testimonial only with the person's consent to be quoted")


@transaction.atomic
def add_evidence(*, claim, by, kind, title, url="", text="", source="", consent=False, upload=None, content_type=""):
    evidence = Evidence(
        claim=claim, kind=kind, title=title, url=url, text=text, source=source, consent=consent, added_by=by
    )
    _check_consent(evidence)
    if upload is not None:
        evidence.file_name = clean_name(upload.name)
        evidence.content_type = content_type
        evidence.size = upload.size
        evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def save_evidence(*, evidence, **values):
    """Change an item's description and details; its kind and file stay (remove it and add another to change them)."""
    return save_fields(evidence, values, check=_check_consent)


@transaction.atomic
def delete_evidence(*, evidence):
    if evidence.file:
        name = evidence.file.name
        storage = evidence.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    evidence.delete()


@transaction.atomic
def save_learning(*, project, entry=None, **values):
    return save_fields(entry or Learning(project=project), values)


@transaction.atomic
def save_case_study(*, project, **values):
    return save_fields(CaseStudy.objects.filter(project=project).first() or CaseStudy(project=project), values)


@transaction.atomic
def fill_case_study_from_log(*, project: Project) -> list[str]:
    """Write sections 4 (details of the impact: a paragraph per claim) and 5 (sources to corroborate it: a line per
    item of evidence) from the impact log, oldest claim first, each only where it is empty: nothing written is ever
    replaced. The names of the sections filled, in order; none when both hold text or the log gives nothing."""
    claims = list(access.claims(project).order_by("date", "pk"))
    if not claims:
        return []
    produced = claim_activities.linked([c.pk for c in claims])
    written = {"details": casestudy.details_text(claims, produced), "sources": casestudy.sources_text(claims)}
    CaseStudy.objects.get_or_create(project=project)  # a row to lock, even on the first fill
    study = CaseStudy.objects.select_for_update().get(project=project)
    filled = [name for name, text in written.items() if text and not getattr(study, name).strip()]
    for name in filled:
        setattr(study, name, written[name])
    if filled:
        study.save()
    return filled
