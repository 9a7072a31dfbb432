"""A project's work beyond its plan: interactions and actions (which a pipeline or a CRM may also write), findings
and outputs, impact claims. As in resources.py, every read goes through the owning app's access layer with the
project resolved once (ApiView.project), so an outsider gets 404 exactly as on the pages; every write is checked by
the page's form and saved by the app's service (api/engagement.py)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from mobilise.documents import output_doc
from mobilise.engagement import access as engagement_access
from mobilise.evaluation import access as evaluation_access
from mobilise.outputs import access as outputs_access
from mobilise.outputs.models import Status as OutputStatus

from .. import engagement
from ..base import InProject, ScopedItem, ScopedList
from ..forms import ActionFilter, InteractionFilter, OutputFilter
from ..serializers_jobs import (
    ActionSerializer,
    ActionStatusSerializer,
    ClaimSerializer,
    FindingSerializer,
    InteractionDetailSerializer,
    InteractionSerializer,
    NewInteractionSerializer,
    OutputDetailSerializer,
    OutputSerializer,
    StandaloneActionSerializer,
)
from ..writes import create, creates


@extend_schema(tags=["engagement"])
class InteractionList(InProject, ScopedList):
    """The project's interactions with stakeholders: who took part and what came of it."""

    serializer_class = InteractionSerializer
    filter_form = InteractionFilter
    listed = staticmethod(engagement_access.interactions_listed)

    @creates(NewInteractionSerializer, InteractionDetailSerializer)
    def post(self, request, pk):
        """Log an interaction, as the quick log does."""
        project = self.project()

        def log(values):
            return engagement.log_interaction(project=project, by=request.user, values=values)

        return create(request, NewInteractionSerializer, InteractionDetailSerializer, log)


@extend_schema(tags=["engagement"])
class InteractionDetail(InProject, ScopedItem):
    """One interaction, with the actions agreed in it."""

    serializer_class = InteractionDetailSerializer
    fetched = staticmethod(engagement_access.get_interaction)
    lookup_url_kwarg = "interaction_pk"


@extend_schema(tags=["engagement"])
class ActionList(InProject, ScopedList):
    """The project's follow-up actions: who does what, by when."""

    serializer_class = ActionSerializer
    filter_form = ActionFilter
    listed = staticmethod(engagement_access.actions)

    @creates(StandaloneActionSerializer, ActionSerializer)
    def post(self, request, pk):
        """Add an action, agreed in one of the project's interactions or on its own."""
        project = self.project()

        def add(values):
            return engagement.add_action(project=project, values=values)

        return create(request, StandaloneActionSerializer, ActionSerializer, add)


@extend_schema(tags=["engagement"])
class ActionDetail(InProject, ScopedItem):
    serializer_class = ActionSerializer
    fetched = staticmethod(engagement_access.get_action)
    lookup_url_kwarg = "action_pk"

    @extend_schema(request=ActionStatusSerializer, responses={200: ActionSerializer})
    def patch(self, request, pk, action_pk):
        """Mark the action done or cancelled, or open again."""
        incoming = ActionStatusSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        action = engagement.set_status(action=self.get_object(), status=incoming.validated_data["status"])
        return Response(ActionSerializer(action).data)


@extend_schema(tags=["outputs"])
class FindingList(InProject, ScopedList):
    """The project's findings, with the certainty of their evidence and what they mean for practice,
    commissioning and policy."""

    serializer_class = FindingSerializer
    listed = staticmethod(outputs_access.findings)


@extend_schema(tags=["outputs"])
class FindingDetail(InProject, ScopedItem):
    serializer_class = FindingSerializer
    fetched = staticmethod(outputs_access.get_finding)
    lookup_url_kwarg = "finding_pk"


@extend_schema(tags=["outputs"])
class OutputList(InProject, ScopedList):
    """The project's outputs (briefs, summaries, case studies...), drafts included as on the project's pages."""

    serializer_class = OutputSerializer
    filter_form = OutputFilter
    listed = staticmethod(outputs_access.outputs)


@extend_schema(tags=["outputs"])
class OutputDetail(InProject, ScopedItem):
    """One output with its sections and findings; once published, its `html` is the page readers get (as the
    output's HTML export)."""

    serializer_class = OutputDetailSerializer
    fetched = staticmethod(outputs_access.get_output)
    lookup_url_kwarg = "output_pk"

    def retrieve(self, request, *args, **kwargs):
        output = self.get_object()
        document = outputs_access.document(self.project(), output)
        html = output_doc.output_html(document) if output.status == OutputStatus.PUBLISHED else None
        return Response(OutputDetailSerializer(output, context={"document": document, "html": html}).data)


@extend_schema(tags=["impact"])
class ClaimList(InProject, ScopedList):
    """The project's impact claims, each with the logic-model outcome it shows and what corroborates it."""

    serializer_class = ClaimSerializer
    listed = staticmethod(evaluation_access.claims)


@extend_schema(tags=["impact"])
class ClaimDetail(InProject, ScopedItem):
    serializer_class = ClaimSerializer
    fetched = staticmethod(evaluation_access.get_claim)
    lookup_url_kwarg = "claim_pk"
