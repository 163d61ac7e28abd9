"""SQLAlchemy models, one module per domain. Importing this package registers every table."""

from models.api_keys import ApiKey
from models.audit import ActivityLog, AuditLog
from models.auth import (
    AuthSession,
    Channel,
    OneTimeToken,
    OutboundMessage,
    RecoveryCode,
    TokenPurpose,
)
from models.base import Base
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
from models.resellers import ClientStatus, Reseller, ResellerClient, ResellerStatus
from models.support import SupportTicket, TicketPriority, TicketReply, TicketStatus
from models.system import SettingType, SystemSetting, WebhookEvent

__all__ = [
    "Account",
    "AccountKind",
    "ActivityLog",
    "ApiKey",
    "AuditLog",
    "AuthSession",
    "Base",
    "Channel",
    "ClientStatus",
    "FilePurpose",
    "Notification",
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
    "RecoveryCode",
    "ReportFormat",
    "ReportJob",
    "ReportKind",
    "ReportStatus",
    "Reseller",
    "ResellerClient",
    "ResellerStatus",
    "Role",
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
    "WebhookEvent",
    "role_permissions",
]
