"""factory_boy factories for every app, one module per app (as in django-oscar's test factories).

Import them from here: `from tests.factories import ProjectFactory, StakeholderFactory`.
"""

from .api import ApiTokenFactory, DeliveryAttemptFactory, DeliveryFactory, WebhookFactory
from .core import PASSWORD, ReviewCommentFactory, ReviewerFactory, ReviewFactory, UserFactory
from .directory import OrganisationFactory, PersonFactory
from .engagement import (
    ActionFactory,
    AgendaItemFactory,
    AttachmentFactory,
    InsightFactory,
    InteractionFactory,
    InvitationFactory,
    WorkshopFactory,
)
from .evaluation import (
    ActualFactory,
    CaseStudyFactory,
    EvidenceFactory,
    FeedbackFormFactory,
    FeedbackQuestionFactory,
    FeedbackResponseFactory,
    ImpactClaimFactory,
    IndicatorFactory,
    LearningFactory,
    PeriodFactory,
    QuestionFactory,
)
from .events import EventFactory, EventThemeFactory, RegistrationFactory
from .library import ChangeNoteFactory, LibraryCaseStudyFactory
from .outputs import AudienceFactory, FindingFactory, GlossaryTermFactory, OutputFactory, SectionFactory
from .planning import ElementFactory, LinkFactory, LogicModelFactory, SnapshotFactory
from .plans import CostFactory, PlanFactory, PlanSectionFactory, PlanTemplateFactory
from .projects import MembershipFactory, ProgrammeFactory, ProjectFactory, ThemeFactory
from .stakeholders import (
    ImportBatchFactory,
    RelationshipFactory,
    ScoreChangeFactory,
    StakeholderFactory,
    StakeholderRoleFactory,
)
from .support import (
    AdviceEntryFactory,
    CaseFactory,
    IdeaEventFactory,
    IdeaFactory,
    PriorityFactory,
    RequestEventFactory,
    SupportRequestFactory,
)

__all__ = [
    "DeliveryAttemptFactory",
    "DeliveryFactory",
    "WebhookFactory",
    "CostFactory",
    "PlanFactory",
    "PlanSectionFactory",
    "PlanTemplateFactory",
    "EventFactory",
    "EventThemeFactory",
    "RegistrationFactory",
    "ApiTokenFactory",
    "PASSWORD",
    "ActionFactory",
    "AdviceEntryFactory",
    "IdeaEventFactory",
    "IdeaFactory",
    "PriorityFactory",
    "CaseFactory",
    "ActualFactory",
    "AgendaItemFactory",
    "AttachmentFactory",
    "AudienceFactory",
    "CaseStudyFactory",
    "ReviewCommentFactory",
    "ReviewerFactory",
    "ReviewFactory",
    "ElementFactory",
    "EvidenceFactory",
    "FeedbackFormFactory",
    "FeedbackQuestionFactory",
    "FeedbackResponseFactory",
    "FindingFactory",
    "GlossaryTermFactory",
    "LibraryCaseStudyFactory",
    "ChangeNoteFactory",
    "ImpactClaimFactory",
    "ImportBatchFactory",
    "IndicatorFactory",
    "InsightFactory",
    "InteractionFactory",
    "InvitationFactory",
    "LearningFactory",
    "LinkFactory",
    "LogicModelFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "OutputFactory",
    "PeriodFactory",
    "PersonFactory",
    "ProgrammeFactory",
    "ProjectFactory",
    "QuestionFactory",
    "RelationshipFactory",
    "ScoreChangeFactory",
    "SectionFactory",
    "SnapshotFactory",
    "StakeholderFactory",
    "RequestEventFactory",
    "StakeholderRoleFactory",
    "SupportRequestFactory",
    "ThemeFactory",
    "UserFactory",
    "WorkshopFactory",
]
