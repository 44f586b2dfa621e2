"""Everything a letter's detail page shows beside its fields, read in one transaction: the moves open to the user,
the trail, the letters referring to it, the records it is linked to, the citizen request behind it."""

from dataclasses import dataclass

from apps.eoffice.eservice import request_in
from apps.eoffice.links import LinkedRecord, letters_in, records_in
from apps.eoffice.registers import visible_document
from apps.eoffice.routing import Moves, TrailStep, moves_in, trail_in
from core import db
from core.access import Principal
from models.office import CitizenRequest, Document


@dataclass(frozen=True)
class LetterView:
    moves: Moves
    trail: list[TrailStep]
    referring: list[Document]  # letters that refer to this one (หนังสืออ้างถึง)
    records: list[LinkedRecord]  # what this letter is linked to
    request: CitizenRequest | None  # for a letter filed through the e-service


def letter_view(actor: Principal, document_id: int) -> LetterView:
    with db.session_scope() as session:
        document = visible_document(session, actor, document_id)
        steps = trail_in(session, document_id)
        return LetterView(
            moves=moves_in(session, actor, document, steps[-1] if steps else None), trail=steps,
            referring=letters_in(session, actor, 'Document', document_id),
            records=records_in(session, actor, document_id),
            request=request_in(session, document_id) if document.channel == 'e-service' else None)
