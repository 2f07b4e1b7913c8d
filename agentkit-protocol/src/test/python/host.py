"""A protocol agent for agentkit's integration tests, made with the Python host SDK
(synadia-ai-agent-service). It answers every prompt with one response chunk naming the work item
("Work item <id> ..." in the prompt); a prompt containing "ASK: <question>" first asks the caller
that question mid-stream and answers with the reply; with --slow MARK:SECONDS a prompt containing
MARK takes that long (keep-alives meanwhile); with --hold MARK, a prompt containing MARK is
held (keep-alives only) until the process is killed. Every step is appended to --events as a JSON
line, so the test can see what the host received and finished. Prints "ready <instance id>" once
registered. Connects only to the --url it is given (the test's server on 127.0.0.1).
"""
import argparse
import asyncio
import json
import re
import signal

import nats
from synadia_ai.agent_service import AgentService


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--agent", required=True)
    p.add_argument("--owner", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--hold", default=None)
    p.add_argument("--slow", default=None, help="MARK:SECONDS - a prompt containing MARK takes SECONDS")
    p.add_argument("--max-payload", default="1MB")
    args = p.parse_args()
    asyncio.run(serve(args))


def record(path: str, **event: object) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(event) + "\n")
        f.flush()


async def serve(args: argparse.Namespace) -> None:
    nc = await nats.connect(args.url, max_reconnect_attempts=0)
    service = AgentService(agent=args.agent, owner=args.owner, session_name=args.name, nc=nc,
                           description="agentkit test host", heartbeat_interval_s=1,
                           keepalive_interval_s=1, max_payload=args.max_payload, attachments_ok=False)

    async def on_prompt(envelope, stream) -> None:
        text = envelope.prompt
        found = re.search(r"Work item (\S+)", text)
        item = found.group(1) if found else "-"
        record(args.events, event="received", item=item, first_line=text.splitlines()[0], length=len(text))
        asked = re.search(r"ASK: ([^\"\n]+)", text)
        if asked:
            reply = await stream.ask(asked.group(1).strip(), timeout=60)
            record(args.events, event="answer", item=item, text=reply.prompt)
            await stream.send(f"{item}: the human said {reply.prompt}")
        elif args.slow and args.slow.split(":")[0] in text:
            record(args.events, event="slow", item=item)
            await asyncio.sleep(float(args.slow.split(":")[1]))
            await stream.send(f"{item}: done slowly")
        elif args.hold and args.hold in text:
            record(args.events, event="holding", item=item)
            await stream.send(f"{item}: working on it")
            await asyncio.sleep(3600)
        else:
            await stream.send(f"{item}: done")
        record(args.events, event="completed", item=item)

    service.on_prompt(on_prompt)
    await service.start()
    print("ready " + service.instance_id, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    await stop.wait()
    await service.stop()
    await nc.close()


if __name__ == "__main__":
    main()
