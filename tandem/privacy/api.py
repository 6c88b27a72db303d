"""My personal data over the API: download it all, ask for erasure."""

from datetime import datetime
from typing import Any

from ninja import Field, Router, Schema, Status

from tandem.api.schemas import ERRORS, InputSchema
from tandem.privacy.services import erasure_request, personal_data_collect

router = Router(tags=["privacy"])


class ErasureIn(InputSchema):
    confirm_email: str = Field(..., max_length=254, description="Your own e-mail, to confirm.")


class ErasureOut(Schema):
    id: int
    status: str
    requested_at: datetime


@router.get("/my-data", response={200: dict[str, Any], **ERRORS})
def my_data(request):
    """Everything Tandem holds about me, as JSON."""
    return personal_data_collect(person=request.user)


@router.post("/erasure", response={202: ErasureOut, **ERRORS})
def my_erasure(request, payload: ErasureIn):
    """Erase my account: anonymised by a background task within minutes; this cannot be undone."""
    request_row = erasure_request(person=request.user, confirm_email=payload.confirm_email)
    return Status(202, request_row)
