"""Interactions and actions written through the API: checked by the quick log's and the action's own forms
(engagement.forms) and saved by engagement's services, as on the pages."""

from typing import Any

from rest_framework.exceptions import ValidationError

from mobilise.core.models import User
from mobilise.engagement import access, services
from mobilise.engagement.forms import ActionForm, InteractionForm
from mobilise.engagement.models import Action, Interaction
from mobilise.projects import access as project_access
from mobilise.projects.models import Project

from .writes import checked, form_data

ATTITUDE = {
    "attitude_of": "attitude_change/stakeholder",
    "attitude": "attitude_change/attitude",
    "attitude_reason": "attitude_change/reason",
}


def _action_fields(n: int, action: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """One action of the request as the quick log's action row n, and where each of its fields came from."""
    names = {"description": f"action_{n}", "owner": f"action_{n}_owner", "due": f"action_{n}_due"}
    values = {names[field]: action.get(field) for field in names}
    return values, {name: f"actions/{n - 1}/{field}" for field, name in names.items()}


def log_interaction(*, project: Project, by: User, values: dict[str, Any]) -> Interaction:
    change = values.get("attitude_change") or {}
    data = {
        **{field: values.get(field) for field in ("date", "kind", "subject", "summary", "learned", "stakeholders")},
        "team": values.get("team", []),
        "attitude_of": change.get("stakeholder"),
        "attitude": change.get("attitude"),
        "attitude_reason": change.get("reason"),
    }
    where = dict(ATTITUDE)
    for n, action in enumerate(values.get("actions", []), start=1):
        fields, places = _action_fields(n, action)
        data.update(fields)
        where.update(places)
    form = checked(InteractionForm(form_data(data), **access.log_choices(project)), where)
    try:
        interaction = services.log_interaction(project=project, by=by, **form.service_values())
    except services.EngagementError as error:
        raise ValidationError({"non_field_errors": [str(error)]}) from None
    return access.get_interaction(project, interaction.pk)


def add_action(*, project: Project, values: dict[str, Any]) -> Action:
    interaction = None
    if values.get("interaction") is not None:
        interaction = access.interactions(project).filter(pk=values["interaction"]).first()
        if interaction is None:
            raise ValidationError({"interaction": ["The project has no such interaction"]})
    data = {field: values.get(field) for field in ("description", "owner", "due")}
    form = checked(ActionForm(form_data(data), team=project_access.team_users(project)), {})
    agreed_on = interaction.date if interaction else None
    try:
        action = services.add_action(
            project=project, interaction=interaction, agreed_on=agreed_on, **form.service_values()
        )
    except services.EngagementError as error:
        raise ValidationError({"description": [str(error)]}) from None
    return access.get_action(project, action.pk)


def set_status(*, action: Action, status: str) -> Action:
    try:
        return services.set_action_status(action=action, status=status)
    except services.EngagementError as error:
        raise ValidationError({"status": [str(error)]}) from None
