"""The lists of the registers that grow: an index (org_id, <fixed columns>, column, id) for every column they sort by

Vouchers, receipts, journal entries, commitments and the e-Office registers (Resource(grows=True)): the first page,
a deep page and every sort read 25 entries of an index, at a million rows as at a hundred. Written from the
declarations (tests/core/test_list_indexes.py names any that are missing).

Revision ID: 0010e
Revises: 0010d
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0010e'
down_revision: str | None = '0010d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_list_commitment_amount', 'commitment', ['org_id', 'amount', 'id'])
    op.create_index('ix_list_commitment_commit_date', 'commitment', ['org_id', 'commit_date', 'id'])
    op.create_index('ix_list_commitment_description', 'commitment', ['org_id', 'description', 'id'])
    op.create_index('ix_list_commitment_number_text', 'commitment', ['org_id', 'number_text', 'id'])
    op.create_index('ix_list_commitment_status', 'commitment', ['org_id', 'status', 'id'])
    op.create_index('ix_list_commitment_used', 'commitment', ['org_id', 'used', 'id'])
    op.create_index('ix_list_commitment_vendor', 'commitment', ['org_id', 'vendor', 'id'])
    op.create_index('ix_list_journal_amount', 'journal', ['org_id', 'amount', 'id'])
    op.create_index('ix_list_journal_book', 'journal', ['org_id', 'book', 'id'])
    op.create_index('ix_list_journal_description', 'journal', ['org_id', 'description', 'id'])
    op.create_index('ix_list_journal_entry_date', 'journal', ['org_id', 'entry_date', 'id'])
    op.create_index('ix_list_journal_number_text', 'journal', ['org_id', 'number_text', 'id'])
    op.create_index('ix_list_journal_status', 'journal', ['org_id', 'status', 'id'])
    op.create_index('ix_list_office_document_doc_date', 'office_document', ['org_id', 'doc_date', 'id'])
    op.create_index('ix_list_office_document_id', 'office_document', ['org_id', 'id'])
    op.create_index('ix_list_office_document_number_text', 'office_document', ['org_id', 'number_text', 'id'])
    op.create_index('ix_list_office_document_recipient', 'office_document', ['org_id', 'recipient', 'id'])
    op.create_index('ix_list_office_document_register_key', 'office_document', ['org_id', 'register_key', 'id'])
    op.create_index('ix_list_office_document_register_key_doc_date', 'office_document', ['org_id', 'register_key', 'doc_date', 'id'])
    op.create_index('ix_list_office_document_register_key_number_text', 'office_document', ['org_id', 'register_key', 'number_text', 'id'])
    op.create_index('ix_list_office_document_register_key_recipient', 'office_document', ['org_id', 'register_key', 'recipient', 'id'])
    op.create_index('ix_list_office_document_register_key_ref_no', 'office_document', ['org_id', 'register_key', 'ref_no', 'id'])
    op.create_index('ix_list_office_document_register_key_sender', 'office_document', ['org_id', 'register_key', 'sender', 'id'])
    op.create_index('ix_list_office_document_register_key_status', 'office_document', ['org_id', 'register_key', 'status', 'id'])
    op.create_index('ix_list_office_document_register_key_subject', 'office_document', ['org_id', 'register_key', 'subject', 'id'])
    op.create_index('ix_list_office_document_register_key_urgency', 'office_document', ['org_id', 'register_key', 'urgency', 'id'])
    op.create_index('ix_list_office_document_sender', 'office_document', ['org_id', 'sender', 'id'])
    op.create_index('ix_list_office_document_status', 'office_document', ['org_id', 'status', 'id'])
    op.create_index('ix_list_office_document_subject', 'office_document', ['org_id', 'subject', 'id'])
    op.create_index('ix_list_office_document_urgency', 'office_document', ['org_id', 'urgency', 'id'])
    op.create_index('ix_list_receipt_amount', 'receipt', ['org_id', 'amount', 'id'])
    op.create_index('ix_list_receipt_book_no', 'receipt', ['org_id', 'book_no', 'id'])
    op.create_index('ix_list_receipt_number_text', 'receipt', ['org_id', 'number_text', 'id'])
    op.create_index('ix_list_receipt_payer', 'receipt', ['org_id', 'payer', 'id'])
    op.create_index('ix_list_receipt_revenue_code', 'receipt', ['org_id', 'revenue_code', 'id'])
    op.create_index('ix_list_receipt_status', 'receipt', ['org_id', 'status', 'id'])
    op.create_index('ix_list_voucher_description', 'voucher', ['org_id', 'description', 'id'])
    op.create_index('ix_list_voucher_gross', 'voucher', ['org_id', 'gross', 'id'])
    op.create_index('ix_list_voucher_number_text', 'voucher', ['org_id', 'number_text', 'id'])
    op.create_index('ix_list_voucher_payee', 'voucher', ['org_id', 'payee', 'id'])
    op.create_index('ix_list_voucher_status', 'voucher', ['org_id', 'status', 'id'])


def downgrade() -> None:
    op.drop_index('ix_list_voucher_status', table_name='voucher')
    op.drop_index('ix_list_voucher_payee', table_name='voucher')
    op.drop_index('ix_list_voucher_number_text', table_name='voucher')
    op.drop_index('ix_list_voucher_gross', table_name='voucher')
    op.drop_index('ix_list_voucher_description', table_name='voucher')
    op.drop_index('ix_list_receipt_status', table_name='receipt')
    op.drop_index('ix_list_receipt_revenue_code', table_name='receipt')
    op.drop_index('ix_list_receipt_payer', table_name='receipt')
    op.drop_index('ix_list_receipt_number_text', table_name='receipt')
    op.drop_index('ix_list_receipt_book_no', table_name='receipt')
    op.drop_index('ix_list_receipt_amount', table_name='receipt')
    op.drop_index('ix_list_office_document_urgency', table_name='office_document')
    op.drop_index('ix_list_office_document_subject', table_name='office_document')
    op.drop_index('ix_list_office_document_status', table_name='office_document')
    op.drop_index('ix_list_office_document_sender', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_urgency', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_subject', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_status', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_sender', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_ref_no', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_recipient', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_number_text', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key_doc_date', table_name='office_document')
    op.drop_index('ix_list_office_document_register_key', table_name='office_document')
    op.drop_index('ix_list_office_document_recipient', table_name='office_document')
    op.drop_index('ix_list_office_document_number_text', table_name='office_document')
    op.drop_index('ix_list_office_document_id', table_name='office_document')
    op.drop_index('ix_list_office_document_doc_date', table_name='office_document')
    op.drop_index('ix_list_journal_status', table_name='journal')
    op.drop_index('ix_list_journal_number_text', table_name='journal')
    op.drop_index('ix_list_journal_entry_date', table_name='journal')
    op.drop_index('ix_list_journal_description', table_name='journal')
    op.drop_index('ix_list_journal_book', table_name='journal')
    op.drop_index('ix_list_journal_amount', table_name='journal')
    op.drop_index('ix_list_commitment_vendor', table_name='commitment')
    op.drop_index('ix_list_commitment_used', table_name='commitment')
    op.drop_index('ix_list_commitment_status', table_name='commitment')
    op.drop_index('ix_list_commitment_number_text', table_name='commitment')
    op.drop_index('ix_list_commitment_description', table_name='commitment')
    op.drop_index('ix_list_commitment_commit_date', table_name='commitment')
    op.drop_index('ix_list_commitment_amount', table_name='commitment')
