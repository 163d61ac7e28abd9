"""Free text for seeded rows: ticket topics that fit the order they are about, replies, notes."""

from __future__ import annotations

# (subject, description) by the status of the order the ticket is about.
TICKET_TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "pending": (
        ("Payment keeps failing", "My card was declined twice at checkout but my bank says "
         "there is no block. Can you check what is going on?"),
        ("Order stuck at pending", "I paid an hour ago and the order still says pending."),
    ),
    "confirmed": (
        ("When will my SIM ship?", "The order is confirmed but I have no shipping date yet."),
        ("Change delivery address", "I moved last week, please send the SIM to my new address."),
    ),
    "dispatched": (
        ("Where is my SIM?", "Tracking has not updated for four days."),
        ("Tracking number not working", "The courier website does not recognise my number."),
    ),
    "delivered": (
        ("No signal after inserting SIM", "The SIM arrived but the phone shows no service."),
        ("eSIM QR code will not scan", "My phone says the code is no longer valid."),
    ),
    "activated": (
        ("Data not working abroad", "Calls work but mobile data does not connect in Spain."),
        ("Ran out of data early", "My plan says 20GB but I was cut off after 12GB."),
        ("Request invoice with VAT number", "Please reissue the invoice with our VAT number."),
    ),
    "cancelled": (
        ("Refund not received", "My order was cancelled ten days ago, where is the refund?"),
        ("Why was my order cancelled?", "I did not ask for a cancellation."),
    ),
}  # fmt: skip

STAFF_REPLIES = (
    "Thanks for reaching out, I am looking into this now.",
    "I have escalated this to the network provider and will update you within 24 hours.",
    "Could you restart the phone and check that data roaming is enabled?",
    "The refund was issued on our side; banks usually take 5-10 working days.",
    "I have reissued the activation code; please check your inbox.",
    "The courier confirmed a delay in your area; the parcel is on its way.",
    "This should be resolved now. Please let us know if anything else comes up.",
)
CUSTOMER_REPLIES = (
    "Thanks, I will try that.",
    "It still does not work, the phone shows no service.",
    "That fixed it, thank you!",
    "Any update on this?",
    "I have attached a screenshot of the error.",
)
INTERNAL_NOTES = (
    "Checked the HLR: SIM provisioned correctly.",
    "Customer has two previous tickets about the same issue.",
    "Refund approved by finance.",
    "Courier claim opened.",
)
ORDER_NOTES = (
    "Customer asked for delivery after 5pm.",
    "Gift: do not include the invoice in the parcel.",
    "Leave with the concierge.",
    "Urgent: customer travels this weekend.",
)
CANCEL_REASONS_UNPAID = (
    "Payment not completed within 72 hours",
    "Customer abandoned checkout",
)
CANCEL_REASONS_PAID = (
    "Customer requested cancellation",
    "Address could not be verified",
    "Duplicate order",
)
SUSPENSION_REASONS = (
    "Credit limit exceeded for 30 days",
    "KYC documents expired",
    "Chargebacks under investigation",
)
BLOCK_REASONS = ("Fraudulent payment attempts", "Abusive messages to support")
PAYMENT_FAILURES = ("card_declined", "insufficient_funds", "expired_card", "authentication_failed")
