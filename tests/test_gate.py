"""The query gate on its own (an event loop, no server): work-conserving, fair, bounded.

- A client alone may use every slot; what cannot start within the queue timeout is refused
  with the reason.
- A freed slot goes to the waiting client that holds the fewest.
- A client holding more than its share while another client waits loses its youngest query
  once that query has run the grace period, and not before; a client within its share never does.
"""

from __future__ import annotations

import asyncio

from resilience_kg.server.guards import Gate, Ticket


def run(coro: object) -> object:
    return asyncio.run(coro)  # type: ignore[arg-type]


def stoppable(ticket: Ticket, log: list[str], name: str) -> Ticket:
    ticket.stop = lambda: log.append(name)
    return ticket


def test_a_lone_client_takes_every_slot_and_the_next_is_refused_with_the_reason() -> None:
    async def scenario() -> tuple[list[object], object]:
        gate = Gate(4, queue_timeout=0.1)
        held = [await gate.enter("a") for _ in range(4)]
        refused = await gate.enter("a")
        return held, refused

    held, refused = run(scenario())  # type: ignore[misc]
    assert all(isinstance(t, Ticket) for t in held)
    assert isinstance(refused, str) and "already runs 4 queries" in refused and "0.1 s" in refused


def test_a_full_gate_names_its_slots_to_a_client_that_holds_none() -> None:
    async def scenario() -> object:
        gate = Gate(2, queue_timeout=0.1)
        for client in ("a", "b"):
            await gate.enter(client)
        return await gate.enter("c")

    refused = run(scenario())
    assert isinstance(refused, str) and refused.startswith("all 2 query slots are busy")


def test_a_freed_slot_goes_to_the_client_holding_the_fewest() -> None:
    async def scenario() -> list[str]:
        gate = Gate(2, queue_timeout=5.0, grace=60.0)
        first = await gate.enter("heavy")
        await gate.enter("heavy")
        order: list[str] = []

        async def wait(client: str) -> None:
            ticket = await gate.enter(client)
            assert isinstance(ticket, Ticket)
            order.append(client)

        heavy_again = asyncio.create_task(wait("heavy"))  # waiting first
        await asyncio.sleep(0.01)
        light = asyncio.create_task(wait("light"))  # waiting second, holding nothing
        await asyncio.sleep(0.01)
        assert isinstance(first, Ticket)
        gate.leave(first)
        await asyncio.sleep(0.01)
        heavy_again.cancel()
        await asyncio.gather(light, heavy_again, return_exceptions=True)
        return order

    assert run(scenario()) == ["light"]


def test_an_over_share_query_is_stopped_after_the_grace_when_another_client_waits() -> None:
    async def scenario() -> tuple[list[str], list[str], float]:
        gate = Gate(4, queue_timeout=5.0, grace=0.2)
        stopped: list[str] = []
        tickets = []
        for i in range(4):
            ticket = await gate.enter("hog")
            assert isinstance(ticket, Ticket)
            tickets.append(stoppable(ticket, stopped, f"hog{i}"))
            await asyncio.sleep(0.01)
        loop = asyncio.get_running_loop()
        started = loop.time()
        waiting = asyncio.create_task(gate.enter("other"))
        await asyncio.sleep(0.05)
        early = list(stopped)  # nothing is stopped before the grace period
        while not stopped:
            await asyncio.sleep(0.01)
        took = loop.time() - started
        victim = next(t for t in tickets if t.preempted)
        gate.leave(victim)  # what Guards does once the stopped request has ended
        ticket = await waiting
        assert isinstance(ticket, Ticket) and ticket.client == "other"
        return early, stopped, took

    early, stopped, took = run(scenario())  # type: ignore[misc]
    assert early == []
    assert stopped == ["hog3"], "the youngest of the hog's queries is the one stopped"
    assert 0.1 < took < 1.0


def test_a_client_within_its_share_is_never_stopped() -> None:
    async def scenario() -> tuple[list[str], object]:
        gate = Gate(2, queue_timeout=0.3, grace=0.0)
        stopped: list[str] = []
        for client in ("a", "b"):  # one slot each: both within their share
            ticket = await gate.enter(client)
            assert isinstance(ticket, Ticket)
            stoppable(ticket, stopped, client)
        return stopped, await gate.enter("c")

    stopped, refused = run(scenario())  # type: ignore[misc]
    assert stopped == []
    assert isinstance(refused, str) and "busy" in refused


def test_an_answer_already_begun_is_not_stopped() -> None:
    async def scenario() -> tuple[list[str], object]:
        gate = Gate(2, queue_timeout=0.3, grace=0.0)
        stopped: list[str] = []
        for i in range(2):
            ticket = await gate.enter("hog")
            assert isinstance(ticket, Ticket)
            stoppable(ticket, stopped, f"hog{i}").answering = True
        return stopped, await gate.enter("other")

    stopped, refused = run(scenario())  # type: ignore[misc]
    assert stopped == [] and isinstance(refused, str)


def test_the_gate_says_it_is_full_while_requests_wait_or_were_just_turned_away() -> None:
    """What /health reports (it said "ok" while every client got 503)."""
    async def scenario() -> list[dict[str, object]]:
        gate = Gate(2, queue_timeout=0.1)
        states = [gate.state()]
        held = [await gate.enter("a") for _ in range(2)]
        states.append(gate.state())  # busy, but nobody waits: not full
        waiting = asyncio.ensure_future(gate.enter("b"))
        await asyncio.sleep(0.01)
        states.append(gate.state())  # someone waits: full
        assert isinstance(await waiting, str)
        states.append(gate.state())  # turned away a moment ago: still full
        for ticket in held:
            gate.leave(ticket)  # type: ignore[arg-type]
        states.append(gate.state())
        return states

    states = run(scenario())  # type: ignore[misc]
    assert [s["full"] for s in states] == [False, False, True, True, False]  # type: ignore[index]
    assert states[3] == {"slots": 2, "running": 2, "waiting": 0, "refused": 1, "full": True}  # type: ignore[index]
