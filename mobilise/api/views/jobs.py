"""A project's work beyond its plan, read-only: interactions and actions, findings and outputs, impact claims. As in
resources.py, every read goes through the owning app's access layer with the project resolved once (ApiView.project),
so an outsider gets 404 exactly as on the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from mobilise.documents import output_doc
from mobilise.engagement import access as engagement_access
from mobilise.evaluation import access as evaluation_access
from mobilise.outputs import access as outputs_access
from mobilise.outputs.models import Status as OutputStatus

from ..base import ApiView
from ..forms import ActionFilter, InteractionFilter, OutputFilter
from ..serializers_jobs import (
    ActionSerializer,
    ClaimSerializer,
    FindingSerializer,
    InteractionDetailSerializer,
    InteractionSerializer,
    OutputDetailSerializer,
    OutputSerializer,
)


@extend_schema(tags=["engagement"])
class InteractionList(ApiView, generics.ListAPIView):
    """The project's interactions with stakeholders: who took part and what came of it."""

    serializer_class = InteractionSerializer
    filter_form = InteractionFilter

    def get_queryset(self):
        return engagement_access.interactions(self.project())


@extend_schema(tags=["engagement"])
class InteractionDetail(ApiView, generics.RetrieveAPIView):
    """One interaction, with the actions agreed in it."""

    serializer_class = InteractionDetailSerializer

    def get_object(self):
        return engagement_access.get_interaction(self.project(), self.kwargs["interaction_pk"])


@extend_schema(tags=["engagement"])
class ActionList(ApiView, generics.ListAPIView):
    """The project's follow-up actions: who does what, by when."""

    serializer_class = ActionSerializer
    filter_form = ActionFilter

    def get_queryset(self):
        return engagement_access.actions(self.project())


@extend_schema(tags=["engagement"])
class ActionDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = ActionSerializer

    def get_object(self):
        return engagement_access.get_action(self.project(), self.kwargs["action_pk"])


@extend_schema(tags=["outputs"])
class FindingList(ApiView, generics.ListAPIView):
    """The project's findings, with the certainty of their evidence and what they mean for practice,
    commissioning and policy."""

    serializer_class = FindingSerializer

    def get_queryset(self):
        return outputs_access.findings(self.project())


@extend_schema(tags=["outputs"])
class FindingDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = FindingSerializer

    def get_object(self):
        return outputs_access.get_finding(self.project(), self.kwargs["finding_pk"])


@extend_schema(tags=["outputs"])
class OutputList(ApiView, generics.ListAPIView):
    """The project's outputs (briefs, summaries, case studies...), drafts included as on the project's pages."""

    serializer_class = OutputSerializer
    filter_form = OutputFilter

    def get_queryset(self):
        return outputs_access.outputs(self.project())


@extend_schema(tags=["outputs"])
class OutputDetail(ApiView, generics.RetrieveAPIView):
    """One output with its sections and findings; once published, its `html` is the page readers get (as the
    output's HTML export)."""

    serializer_class = OutputDetailSerializer

    def get_object(self):
        return outputs_access.get_output(self.project(), self.kwargs["output_pk"])

    def retrieve(self, request, *args, **kwargs):
        output = self.get_object()
        document = outputs_access.document(self.project(), output)
        html = output_doc.output_html(document) if output.status == OutputStatus.PUBLISHED else None
        return Response(OutputDetailSerializer(output, context={"document": document, "html": html}).data)


@extend_schema(tags=["impact"])
class ClaimList(ApiView, generics.ListAPIView):
    """The project's impact claims, each with the logic-model outcome it shows and what corroborates it."""

    serializer_class = ClaimSerializer

    def get_queryset(self):
        return evaluation_access.claims(self.project())


@extend_schema(tags=["impact"])
class ClaimDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = ClaimSerializer

    def get_object(self):
        return evaluation_access.get_claim(self.project(), self.kwargs["claim_pk"])
