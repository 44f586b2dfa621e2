"""e-Office: the official forms of the six kinds of หนังสือราชการ, the signature, the LAO's address and ครุฑ

Adds office_document.form (the paper's layout: external, memo, stamped, order, announcement, certificate, minutes
…), effective_date (คำสั่ง: "ทั้งนี้ ตั้งแต่…") and the signature as printed (signed_by, signed_at, signer_name,
signer_position, signer_capacity, signer_for, signed_under); organization.address_line, subdistrict_name, postcode,
phone (the address on the letters) and garuda_attachment_id (the ครุฑ image the LAO uploads). Existing letters get
their register's usual form; existing LAOs an empty address until the administrator fills it in.

Revision ID: 0011a
Revises: 0010f
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011a'
down_revision: str | None = '0010f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DOCUMENT = (('form', 20), ('signer_name', 200), ('signer_position', 300), ('signer_capacity', 40),
            ('signer_for', 300), ('signed_under', 200))
ORGANIZATION = (('address_line', 200), ('subdistrict_name', 100), ('postcode', 5), ('phone', 60))
USUAL_FORM = {'incoming': 'external', 'outgoing': 'external', 'memo': 'memo', 'order': 'order',
              'announcement': 'announcement'}


def upgrade() -> None:
    with op.batch_alter_table('office_document') as batch:
        for name, length in DOCUMENT:
            batch.add_column(sa.Column(name, sa.String(length), nullable=False, server_default=''))
        batch.add_column(sa.Column('effective_date', sa.Date(), nullable=True))
        batch.add_column(sa.Column('signed_by', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('signed_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('organization') as batch:
        for name, length in ORGANIZATION:
            batch.add_column(sa.Column(name, sa.String(length), nullable=False, server_default=''))
        batch.add_column(sa.Column('garuda_attachment_id', sa.Integer(), nullable=True))
    document = sa.table('office_document', sa.column('register_key', sa.String), sa.column('form', sa.String))
    for register_key, form in USUAL_FORM.items():
        op.execute(document.update().where(document.c.register_key == register_key).values(form=form))


def downgrade() -> None:
    with op.batch_alter_table('organization') as batch:
        for name in ('garuda_attachment_id', *(n for n, _ in reversed(ORGANIZATION))):
            batch.drop_column(name)
    with op.batch_alter_table('office_document') as batch:
        for name in ('signed_at', 'signed_by', 'effective_date', *(n for n, _ in reversed(DOCUMENT))):
            batch.drop_column(name)
