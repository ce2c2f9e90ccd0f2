"""Random quality sampling with every approval sampled (`--review-sample-rate 1`): the approver never
gets their own approval to re-check, another reviewer does and may disagree with reasons, and the
supervisor's report counts, per reviewer, what was sampled, reviewed and disagreed with. With a
rate of 0 nothing is sampled."""

from __future__ import annotations

from review_support import decide, next_case, reviewer, submitted_application


def approve_one(server, engine, tmp_path, member) -> str:
    _, application = submitted_application(server, engine, tmp_path)
    response = next_case(member.client)
    assert response.status == 200 and response.json["id"] == application["id"], response.describe()
    response = decide(member.client, application["id"], "approve")
    assert response.status == 200, response.describe()
    return application["id"]


def report_of(supervisor) -> dict:
    response = supervisor.client.get("/api/v1/review/samples/report")
    assert response.status == 200, response.describe()
    return {item["reviewer_id"]: item for item in response.json["items"]}


def test_a_second_reviewer_checks_sampled_approvals_and_disagreements_are_reported(server_factory, tmp_path):
    server = server_factory.start("--review-sample-rate", "1")
    engine = server.engine
    first, second = reviewer(server, engine), reviewer(server, engine)
    supervisor = reviewer(server, engine, ["reviewer", "supervisor"])
    approved = [approve_one(server, engine, tmp_path, first) for _ in range(2)]

    assert first.client.post("/api/v1/review/samples/next", {}).status == 204, "never one's own approval"

    verdicts = {}
    for agree in (False, True):
        response = second.client.post("/api/v1/review/samples/next", {})
        assert response.status == 200, response.describe()
        sample = response.json
        assert sample["case"]["id"] in approved and sample["case"]["status"] == "approved"
        body = {"agree": agree}
        if not agree:
            body |= {"reasons": ["image.blurred"], "note": "the selfie is too soft to compare"}
        verdict = second.client.post(f"/api/v1/review/samples/{sample['sample_id']}/verdict", body)
        assert verdict.status == 200, verdict.describe()
        verdicts[sample["case"]["id"]] = agree
    assert set(verdicts) == set(approved)
    assert second.client.post("/api/v1/review/samples/next", {}).status == 204, "every sample was reviewed"

    row = report_of(supervisor)[first.id]
    assert (row["sampled"], row["reviewed"], row["disagreements"]) == (2, 2, 1), row
    assert second.id not in report_of(supervisor) or report_of(supervisor)[second.id]["sampled"] == 0


def test_a_rate_of_zero_samples_nothing(server_factory, tmp_path):
    server = server_factory.start("--review-sample-rate", "0")
    engine = server.engine
    first, second = reviewer(server, engine), reviewer(server, engine)
    supervisor = reviewer(server, engine, ["reviewer", "supervisor"])
    approve_one(server, engine, tmp_path, first)
    assert second.client.post("/api/v1/review/samples/next", {}).status == 204
    row = report_of(supervisor).get(first.id, {"sampled": 0})
    assert row["sampled"] == 0, row
