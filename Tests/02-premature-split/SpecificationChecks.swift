import PrematureSplitKit
import ServiceKit
import Testing
import WorkbookKit

/// Hand-written scenarios: one per way a step or a compensation can fail.
@Suite("Exercise 02 · the saga, step by step")
struct SpecificationChecks {
    @Test("an order that meets no fault completes: reserve, record, charge — and nothing else", arguments: await Grading.implementations())
    func happyPath(_ implementation: Implementation) async throws {
        guard let run = try await SagaRun.run([OrderWithFaults(order: Orders.cables)], on: implementation) else { return }
        #expect(run.outcomes == [.completed])
        expectCalls(run, ["inventory.reserve → 200", "orders.record → 200", "payments.charge → 200"], "no faults")
        expectConsistent(run, "no faults")
        #expect(
            run.state.inventory.stock["SKU-USB-CABLE-C"] == 38 && run.state.payments.balances["ada"] == 47_500,
            "two cables at 12.50: stock 40 → 38, ada 500.00 → 475.00; found stock \(run.state.inventory.stock["SKU-USB-CABLE-C"] ?? -1), balance \(run.state.payments.balances["ada"] ?? -1)"
        )
    }

    @Test("a refused reservation compensates nothing: no step had succeeded", arguments: await Grading.implementations())
    func refusedFirstStep(_ implementation: Implementation) async throws {
        guard let run = try await SagaRun.run([OrderWithFaults(order: Orders.tooManyKeyboards)], on: implementation) else { return }
        #expect(run.outcomes == [.compensated(step: .reserveStock, reason: .refused)])
        expectCalls(run, ["inventory.reserve → 422"], "three keyboards, two in stock")
        expectSnapshot(run, try await initialSnapshot(), "nothing may change")
    }

    @Test("a refused charge undoes the order, then the reservation — in reverse order", arguments: await Grading.implementations())
    func refusedLastStep(_ implementation: Implementation) async throws {
        guard let run = try await SagaRun.run([OrderWithFaults(order: Orders.graceHeadphones)], on: implementation) else { return }
        #expect(run.outcomes == [.compensated(step: .chargePayment, reason: .refused)])
        expectCalls(
            run,
            [
                "inventory.reserve → 200", "orders.record → 200", "payments.charge → 402",
                "orders.cancel → 200", "inventory.release → 200",
            ], "grace cannot pay 149.99")
        expectConsistent(run, "after compensation")
        #expect(run.state.inventory.stock["SKU-HEADPHONES-XZ3"] == 5, "the headphones go back on the shelf")
    }

    @Test("a 200 with an error body is a failure, not retried, and compensated", arguments: await Grading.implementations())
    func errorBody(_ implementation: Implementation) async throws {
        let initial = try await initialSnapshot()
        let cases: [(ServiceName, SagaStep, [String])] = [
            (.inventory, .reserveStock, ["inventory.reserve → 200 with an error body"]),
            (.orders, .recordOrder, ["inventory.reserve → 200", "orders.record → 200 with an error body", "inventory.release → 200"]),
            (
                .payments, .chargePayment,
                [
                    "inventory.reserve → 200", "orders.record → 200", "payments.charge → 200 with an error body", "orders.cancel → 200",
                    "inventory.release → 200",
                ]
            ),
        ]
        for (service, step, calls) in cases {
            let entry = OrderWithFaults(order: Orders.cables, faults: [service: [.errorBody]])
            guard let run = try await SagaRun.run([entry], on: implementation) else { return }
            #expect(run.outcomes == [.compensated(step: step, reason: .errorBody)], "\(entry)")
            expectCalls(run, calls, "\(entry)")
            expectSnapshot(run, Self.undone(initial, after: run), "\(entry)")
            expectConsistent(run, "\(entry)")
        }
    }

    @Test("transient failures are retried with the same key, with doubling pauses, up to the limit", arguments: await Grading.implementations())
    func transientRetries(_ implementation: Implementation) async throws {
        let entry = OrderWithFaults(
            order: Orders.cables,
            faults: [
                .inventory: [.serverError, .timeout], .orders: [.serverError], .payments: [.timeout],
            ])
        guard let run = try await SagaRun.run([entry], on: implementation, attempts: 3) else { return }
        #expect(run.outcomes == [.completed], "\(entry)")
        expectCalls(
            run,
            [
                "inventory.reserve → 500", "inventory.reserve → no answer", "inventory.reserve → 200",
                "orders.record → 500", "orders.record → 200", "payments.charge → no answer", "payments.charge → 200",
            ], "\(entry)")
        expectKeysDerivedFromOrders(run, "\(entry)")
        #expect(
            run.slept == .milliseconds(50),
            "pauses of 10 ms and 20 ms before inventory's retries, 10 ms before each other retry: 50 ms in all; your saga slept \(run.slept)")
    }

    @Test("a call sleeps only between its attempts: not after the last one, not after an error that is not retried", arguments: await Grading.implementations())
    func pausesOnlyBetweenAttempts(_ implementation: Implementation) async throws {
        let cases: [(faults: [Fault], slept: Duration, why: String)] = [
            ([.serverError, .serverError, .serverError], .milliseconds(30), "10 ms after attempt 1, 20 ms after attempt 2, none after the last"),
            ([.serverError, .errorBody], .milliseconds(10), "10 ms after attempt 1, none after the error body that ends the step"),
        ]
        for (faults, slept, why) in cases {
            let entry = OrderWithFaults(order: Orders.cables, faults: [.inventory: faults])
            guard let run = try await SagaRun.run([entry], on: implementation, attempts: 3) else { return }
            #expect(
                run.slept == slept,
                "rule broken: sleep policy.pause(after: n) between attempt n and attempt n + 1 only\n  expected: \(slept) (\(why))\n  yours:    \(run.slept)\n  input:    \(entry), 3 attempts, backoff 10 ms"
            )
        }
    }

    @Test("a pause cut short ends only the pause: the next attempt follows and the saga answers", arguments: await Grading.implementations())
    func pauseCutShort(_ implementation: Implementation) async throws {
        let entry = OrderWithFaults(order: Orders.cables, faults: [.inventory: [.serverError, .serverError], .payments: [.timeout]])
        let clock = InterruptedClock()
        let run: SagaRun?
        do {
            run = try await SagaRun.run([entry], on: implementation, attempts: 3, clock: clock)
        } catch {
            Issue.record(
                "rule broken: a pause cut short ends only the pause\n  expected: the saga goes on and answers .completed\n  yours:    placeOrderSaga threw \(error)\n  input:    \(entry), every clock.sleep throwing CancellationError"
            )
            return
        }
        guard let run else { return }
        #expect(
            run.outcomes == [.completed] && clock.pauses == 3,
            "rule broken: a pause cut short ends only the pause; the next attempt follows\n  expected: [completed] after 3 pauses asked for\n  yours:    \(run.outcomes) after \(clock.pauses)\n  input:    \(entry), every clock.sleep throwing CancellationError"
        )
        expectCalls(
            run,
            [
                "inventory.reserve → 500", "inventory.reserve → 500", "inventory.reserve → 200", "orders.record → 200",
                "payments.charge → no answer", "payments.charge → 200",
            ], "\(entry), every pause cut short")
    }

    @Test("a response lost after the charge committed is retried with its key: one charge, not two", arguments: await Grading.implementations())
    func lostResponse(_ implementation: Implementation) async throws {
        let entry = OrderWithFaults(order: Orders.cables, faults: [.inventory: [.lostResponse], .payments: [.lostResponse]])
        guard let run = try await SagaRun.run([entry], on: implementation) else { return }
        #expect(run.outcomes == [.completed], "\(entry)")
        expectConsistent(run, "\(entry)")
        #expect(
            run.state.payments.balances["ada"] == 47_500 && run.state.inventory.stock["SKU-USB-CABLE-C"] == 38,
            "ada pays 25.00 once and two cables leave the shelf once; found balance \(run.state.payments.balances["ada"] ?? -1), stock \(run.state.inventory.stock["SKU-USB-CABLE-C"] ?? -1)"
        )
    }

    @Test("a step that gave up on timeouts may have happened: it is undone too, first", arguments: await Grading.implementations())
    func inDoubt(_ implementation: Implementation) async throws {
        let entry = OrderWithFaults(order: Orders.cables, faults: [.payments: [.lostResponse, .timeout, .timeout]])
        guard let run = try await SagaRun.run([entry], on: implementation, attempts: 3) else { return }
        #expect(run.outcomes == [.compensated(step: .chargePayment, reason: .gaveUp)], "\(entry)")
        expectCalls(
            run,
            [
                "inventory.reserve → 200", "orders.record → 200",
                "payments.charge → no answer", "payments.charge → no answer", "payments.charge → no answer",
                "payments.refund → 200", "orders.cancel → 200", "inventory.release → 200",
            ], "\(entry)")
        expectConsistent(run, "\(entry)")
        expectSnapshot(run, Self.undone(try await initialSnapshot(), after: run), "\(entry)")
    }

    @Test("a step that gave up on 500s did not happen: it is not undone", arguments: await Grading.implementations())
    func notInDoubt(_ implementation: Implementation) async throws {
        let entry = OrderWithFaults(order: Orders.cables, faults: [.payments: [.serverError, .serverError]])
        guard let run = try await SagaRun.run([entry], on: implementation, attempts: 2) else { return }
        #expect(run.outcomes == [.compensated(step: .chargePayment, reason: .gaveUp)], "\(entry)")
        expectCalls(
            run,
            [
                "inventory.reserve → 200", "orders.record → 200", "payments.charge → 500", "payments.charge → 500",
                "orders.cancel → 200", "inventory.release → 200",
            ], "\(entry), two attempts")
    }

    @Test("409, 429 and a refused connection are transient: retried with the same key", arguments: await Grading.implementations())
    func otherTransientKinds(_ implementation: Implementation) async throws {
        let entry = OrderWithFaults(order: Orders.cables, faults: [.inventory: [.conflict], .orders: [.rateLimited], .payments: [.unreachable, .conflict]])
        guard let run = try await SagaRun.run([entry], on: implementation, attempts: 3) else { return }
        #expect(
            run.outcomes == [.completed],
            "rule broken: 409, 429 and a refused connection are transient (ServiceCallError.isTransient)\n  expected: [completed]\n  yours:    \(run.outcomes)\n  input:    \(entry)"
        )
        expectCalls(
            run,
            [
                "inventory.reserve → 409", "inventory.reserve → 200", "orders.record → 429", "orders.record → 200",
                "payments.charge → refused", "payments.charge → 409", "payments.charge → 200",
            ], "\(entry)")
        expectKeysDerivedFromOrders(run, "\(entry)")
    }

    @Test("a step that gave up on refused connections never went out: it is not undone", arguments: await Grading.implementations())
    func refusedNotInDoubt(_ implementation: Implementation) async throws {
        let entry = OrderWithFaults(order: Orders.cables, faults: [.payments: [.unreachable, .unreachable]])
        guard let run = try await SagaRun.run([entry], on: implementation, attempts: 2) else { return }
        #expect(
            run.outcomes == [.compensated(step: .chargePayment, reason: .gaveUp)],
            "rule broken: gave up after the last attempt\n  expected: [compensated at chargePayment, gave up]\n  yours:    \(run.outcomes)\n  input:    \(entry)"
        )
        expectCalls(
            run,
            [
                "inventory.reserve → 200", "orders.record → 200", "payments.charge → refused", "payments.charge → refused",
                "orders.cancel → 200", "inventory.release → 200",
            ], "\(entry), two attempts: only .noAnswer puts a step in doubt")
    }

    @Test("a compensation that fails is reported for a human, and the others still run", arguments: await Grading.implementations())
    func failedCompensation(_ implementation: Implementation) async throws {
        let cases: [(OrderWithFaults, SagaOutcome)] = [
            (
                OrderWithFaults(order: Orders.graceHeadphones, faults: [.orders: [.none, .errorBody]]),
                .needsManualIntervention(step: .chargePayment, reason: .refused, unfinished: [.recordOrder])
            ),
            (
                OrderWithFaults(order: Orders.graceHeadphones, faults: [.orders: [.none, .serverError, .serverError, .serverError]]),
                .needsManualIntervention(step: .chargePayment, reason: .refused, unfinished: [.recordOrder])
            ),
            (
                OrderWithFaults(order: Orders.cables, faults: [.payments: [.errorBody], .orders: [.none, .errorBody], .inventory: [.none, .errorBody]]),
                .needsManualIntervention(step: .chargePayment, reason: .errorBody, unfinished: [.recordOrder, .reserveStock])
            ),
        ]
        for (entry, expected) in cases {
            guard let run = try await SagaRun.run([entry], on: implementation) else { return }
            #expect(run.outcomes == [expected], "\(entry)")
            #expect(
                run.callSequence.last?.hasPrefix("inventory.release") == true,
                "\(entry): after a compensation fails, the earlier ones must still run; the calls were \(run.callSequence)")
        }
    }

    @Test("two orders get keys of their own: the second is not a replay of the first", arguments: await Grading.implementations())
    func keysPerOrder(_ implementation: Implementation) async throws {
        var second = Orders.cables
        second.orderID = "o-9"
        second.lines = [LineItem(productID: "SKU-USB-CABLE-C", quantity: 3)]
        guard let run = try await SagaRun.run([OrderWithFaults(order: Orders.cables), OrderWithFaults(order: second)], on: implementation)
        else { return }
        #expect(run.outcomes == [.completed, .completed])
        expectKeysDerivedFromOrders(run, "two orders")
        #expect(run.state.inventory.stock["SKU-USB-CABLE-C"] == 35, "2 + 3 cables leave the shelf")
    }

    /// The initial data, with the order's holds released, charges refunded and order cancelled
    /// where the run made them: what a fully compensated saga leaves.
    static func undone(_ initial: SplitSnapshot, after run: SagaRun) -> SplitSnapshot {
        var expected = initial
        let snapshot = run.state.snapshot
        expected.holds = snapshot.holds.map { $0.hasSuffix(", released") ? $0 : $0 + ", released" }
        expected.charges = snapshot.charges.map { $0.hasSuffix(", refunded") ? $0 : $0 + ", refunded" }
        expected.orders = snapshot.orders.map { $0.hasSuffix(", cancelled") ? $0 : $0 + ", cancelled" }
        return expected
    }
}
