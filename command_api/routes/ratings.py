"""Write-side routes for ratings: rate and withdraw (a member, or a guest with their token);
hide and unhide a comment (the event's organizer or an admin)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response

from command_api.deps import WriteModelDep
from command_api.rating_schemas import HideCommentIn, RatingChangedOut, RatingIn, RatingSavedOut
from command_api.routes.common import COMMAND_ERRORS, PROBLEM, positioned
from command_api.use_cases.ratings import RatingSaved
from kernel.authz import Action, Principal, system
from kernel.deps import ContainerDep, EventManager, OptionalPrincipal, allowed
from kernel.links import opens_registration

router = APIRouter(prefix="/api/events/{event_id}/ratings", tags=["ratings"],
                   responses={
                       **COMMAND_ERRORS,
                       403: {"description": "Not allowed (`forbidden`: a bad token or role; "
                                            "`not_owner`; `not_attendee`: no confirmed "
                                            "registration)", "content": PROBLEM},
                       409: {"description": "A rule refused it (`rating_not_open` before the "
                                            "start, `rating_closed` 30 days after the end or "
                                            "for a cancelled event, `no_comment`, "
                                            "`already_hidden`, `not_hidden`)",
                             "content": PROBLEM}})

# Signed in with a role that may rate (members, organizers, admins; analysts change nothing).
RatingMember = Annotated[Principal, Depends(allowed(Action.RATE))]
GuestToken = Annotated[str, Query(min_length=1, max_length=200,
                                  description="The guest's `cancel_token`")]
GuestRegistration = Annotated[UUID, Query(description="The guest's `registration_id`")]


def _saved(response: Response, saved: RatingSaved) -> RatingSavedOut:
    return positioned(response, RatingSavedOut(rating_id=saved.rating_id, score=saved.score,
                                               comment=saved.comment, position=saved.position))


def _changed(response: Response, position: int) -> RatingChangedOut:
    return positioned(response, RatingChangedOut(position=position))


@router.put("/me", response_model=RatingSavedOut)
def rate_as_member(event_id: UUID, body: RatingIn, principal: RatingMember, app: WriteModelDep,
                   response: Response) -> RatingSavedOut:
    """Rate an event you attend (confirmed), from its start until 30 days after its end; a
    second PUT replaces the first."""
    return _saved(response, app.rate_as_member(event_id, score=body.score, comment=body.comment,
                                               principal=principal))


@router.delete("/me", response_model=RatingChangedOut)
def withdraw_as_member(event_id: UUID, principal: RatingMember, app: WriteModelDep,
                       response: Response) -> RatingChangedOut:
    """Withdraw your rating (at any time); you may rate again while rating is open."""
    return _changed(response, app.withdraw_rating_as_member(event_id, principal=principal))


@router.put("/guest", response_model=RatingSavedOut)
def rate_as_guest(event_id: UUID, body: RatingIn, token: GuestToken,
                  registration_id: GuestRegistration, principal: OptionalPrincipal,
                  app: WriteModelDep, container: ContainerDep,
                  response: Response) -> RatingSavedOut:
    """Rate an event as a guest, with your registration's id and `cancel_token` (the links in
    your emails carry both); same rules and answer as `PUT …/ratings/me`."""
    principal = _link_holder(container, principal, token, registration_id)
    return _saved(response, app.rate_as_guest(event_id, registration_id, token=token,
                                              score=body.score, comment=body.comment,
                                              principal=principal))


@router.delete("/guest", response_model=RatingChangedOut)
def withdraw_as_guest(event_id: UUID, token: GuestToken, registration_id: GuestRegistration,
                      principal: OptionalPrincipal, app: WriteModelDep,
                      container: ContainerDep, response: Response) -> RatingChangedOut:
    """Withdraw a guest's rating, with the registration's id and `cancel_token`."""
    principal = _link_holder(container, principal, token, registration_id)
    return _changed(response, app.withdraw_rating_as_guest(event_id, registration_id,
                                                           token=token, principal=principal))


@router.post("/{rating_id}/hide", response_model=RatingChangedOut)
def hide_comment(event_id: UUID, rating_id: UUID, body: HideCommentIn, principal: EventManager,
                 app: WriteModelDep, response: Response) -> RatingChangedOut:
    """Hide a rating's comment from the public list (the event's organizer or an admin). The
    score still counts; the history keeps the comment."""
    return _changed(response, app.hide_rating_comment(event_id, rating_id, reason=body.reason,
                                                      principal=principal))


@router.post("/{rating_id}/unhide", response_model=RatingChangedOut)
def unhide_comment(event_id: UUID, rating_id: UUID, principal: EventManager,
                   app: WriteModelDep, response: Response) -> RatingChangedOut:
    """Show a hidden comment again."""
    return _changed(response, app.unhide_rating_comment(event_id, rating_id,
                                                        principal=principal))


def _link_holder(container: ContainerDep, principal: Principal, token: str,
                 registration_id: UUID) -> Principal:
    """The holder of the signed link in a registration's emails acts as its guest (as the
    cancel route does); anyone else proves it with the cancel token."""
    if principal.is_anonymous and opens_registration(container.link_secret, token, registration_id):
        return system("guest")
    return principal
