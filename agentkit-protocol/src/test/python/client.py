"""A protocol caller for agentkit's integration tests, made with the Python client SDK
(synadia-ai-agents): discovers the agent --agent/--owner/--name, reads its status, prompts it with
--prompt and prints each step as a JSON line on stdout (discovered, status, chunk, done, error).
Connects only to the --url it is given (the test's server on 127.0.0.1).
"""
import argparse
import asyncio
import json

import nats
from synadia_ai.agents import Agents, DiscoverFilter, ResponseChunk, StatusChunk


def emit(**event: object) -> None:
    print(json.dumps(event), flush=True)


async def run(args: argparse.Namespace) -> int:
    nc = await nats.connect(args.url, max_reconnect_attempts=0)
    agents = Agents(nc=nc, stream_inactivity_timeout=args.inactivity)
    try:
        found = await agents.discover(filter=DiscoverFilter(agent=args.agent, owner=args.owner, session_name=args.name))
        if not found:
            emit(event="error", reason="not discovered")
            return 2
        agent = found[0]
        ep = agent.prompt_endpoint
        emit(event="discovered", instance_id=agent.instance_id, metadata=dict(agent.metadata),
             prompt_subject=ep.subject, queue_group=ep.queue_group, prompt_metadata=dict(ep.metadata))
        status = await agent.status()
        emit(event="status", **json.loads(status.model_dump_json()))
        text = ""
        async for chunk in agent.prompt(args.prompt):
            if isinstance(chunk, ResponseChunk):
                text += chunk.text
                emit(event="chunk", type="response", text=chunk.text)
            elif isinstance(chunk, StatusChunk):
                emit(event="chunk", type="status", status=chunk.status)
        emit(event="done", text=text)
        return 0
    except Exception as e:  # noqa: BLE001 - the test reads the failure from stdout
        emit(event="error", reason=f"{type(e).__name__}: {e}")
        return 1
    finally:
        await agents.close()
        await nc.close()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--agent", required=True)
    p.add_argument("--owner", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--prompt", required=True)
    p.add_argument("--inactivity", type=float, default=60.0)
    raise SystemExit(asyncio.run(run(args=p.parse_args())))


if __name__ == "__main__":
    main()
