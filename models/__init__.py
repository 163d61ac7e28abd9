"""SQLAlchemy models, one module per domain. Importing this package registers every table."""

from models.analytics import (
    MONTHLY,
    RegistrationKind,
    RegistrationsDaily,
    RegistrationsMonthly,
    ResellerSalesDaily,
    ResellerSalesMonthly,
    SalesDaily,
    SalesMonthly,
)
from models.api_keys import ApiKey
from models.audit import ActivityLog, AuditLog
from models.auth import (
    AuthSession,
    Channel,
    DeliveryStatus,
    OneTimeToken,
    OutboundMessage,
    RecoveryCode,
    TokenPurpose,
)
from models.base import Base
from models.bulk_jobs import BulkJob, BulkJobKind, BulkJobRow, BulkJobStatus
from models.campaigns import (
    CampaignRecipient,
    CampaignStatus,
    EmailCampaign,
    RecipientStatus,
    Segment,
)
from models.catalog import PlanCategory, Sim, SimPlan, SimState, SimType
from models.customers import PublicUser, PublicUserStatus
from models.files import FilePurpose, StoredFile
from models.identity import Account, AccountKind, Permission, Role, role_permissions
from models.notifications import Notification
from models.orders import (
    OrderSource,
    OrderStatus,
    OrderStatusHistory,
    PaymentStatus,
    SimOrder,
)
from models.payments import Transaction, TransactionStatus, TransactionType
from models.reports import ReportFormat, ReportJob, ReportKind, ReportStatus
from models.resellers import (
    ClientStatus,
    DocumentType,
    OnboardingStatus,
    Reseller,
    ResellerClient,
    ResellerDocument,
    ResellerStatus,
)
from models.saved_views import SavedView
from models.search import SearchChange
from models.support import SupportTicket, TicketPriority, TicketReply, TicketStatus
from models.system import SettingType, SystemSetting, WebhookEvent
from models.webhooks import WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint

__all__ = [
    "MONTHLY",
    "Account",
    "AccountKind",
    "ActivityLog",
    "ApiKey",
    "AuditLog",
    "AuthSession",
    "Base",
    "BulkJob",
    "BulkJobKind",
    "BulkJobRow",
    "BulkJobStatus",
    "CampaignRecipient",
    "CampaignStatus",
    "Channel",
    "ClientStatus",
    "DeliveryStatus",
    "DocumentType",
    "EmailCampaign",
    "FilePurpose",
    "Notification",
    "OnboardingStatus",
    "OneTimeToken",
    "OrderSource",
    "OrderStatus",
    "OrderStatusHistory",
    "OutboundMessage",
    "PaymentStatus",
    "Permission",
    "PlanCategory",
    "PublicUser",
    "PublicUserStatus",
    "RecipientStatus",
    "RecoveryCode",
    "RegistrationKind",
    "RegistrationsDaily",
    "RegistrationsMonthly",
    "ReportFormat",
    "ReportJob",
    "ReportKind",
    "ReportStatus",
    "Reseller",
    "ResellerClient",
    "ResellerDocument",
    "ResellerSalesDaily",
    "ResellerSalesMonthly",
    "ResellerStatus",
    "Role",
    "SalesDaily",
    "SalesMonthly",
    "SavedView",
    "SearchChange",
    "Segment",
    "SettingType",
    "Sim",
    "SimOrder",
    "SimPlan",
    "SimState",
    "SimType",
    "StoredFile",
    "SupportTicket",
    "SystemSetting",
    "TicketPriority",
    "TicketReply",
    "TicketStatus",
    "TokenPurpose",
    "Transaction",
    "TransactionStatus",
    "TransactionType",
    "WebhookDelivery",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEvent",
    "role_permissions",
]
