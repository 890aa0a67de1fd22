import Database
import Foundation
import ServiceKit
import StranglerFigKit

/// Act 6: the payments team renames a field of its charge request. In the monolith the build
/// refuses it; in the split it deploys and the shop's next charge fails; a consumer-driven
/// contract, replayed in payments' pipeline, refuses the build before it deploys.
func actContract(_ stage: Stage, _ migration: Migration) async throws {
    let narrator = stage.narrator
    narrator.say("Payments is a service of its own now. Its team renames amountCents to amount in the charge request: a tidy-up, they think.")

    narrator.step("Had payments stayed a module of the monolith, the rename would be compiled with its caller (swiftc -typecheck, payments and checkout):")
    let folder = migration.folder.appendingPathComponent("contract")
    var whereFound: [[String]] = []
    do {
        async let compiledBefore = MonolithCompile.firstError(field: "amountCents", in: folder.appendingPathComponent("before"))
        async let compiledAfter = MonolithCompile.firstError(field: "amount", in: folder.appendingPathComponent("after"))
        let (before, after) = try await (compiledBefore, compiledAfter)
        narrator.say("    before the rename: \(before ?? "compiles")")
        narrator.say("    after the rename:  \(after ?? "compiles")")
        after != nil && before == nil
            ? narrator.ok("the build refuses the rename: whoever made it finds out in seconds, before anything ships")
            : narrator.failed("the compiler did not tell the two apart")
        whereFound.append(["a monolith, one build", "at build time", "the developer who renamed it", after == nil ? "—" : "a compiler error"])
    } catch {
        narrator.say("    (swiftc could not run here: \(error). `swift run` from the workbook's folder has it.)")
    }

    let services = try await ContractServers.start(in: migration.folder)
    defer { Task { await services.stop() } }
    let contract = ConsumerContract()
    narrator.step("Split, each side builds and tests alone: payments v2 passes its own tests and deploys. The shop's next charge, over HTTP:")
    let production = await contract.verify(against: services.renamed.url)
    production.isEmpty
        ? narrator.ok("the charge went through")
        : narrator.failed("ada's checkout fails in production: \(production.joined(separator: "; "))")
    whereFound.append(["services, no contract check", "at run time, after deploy", "a customer, then on-call", production.first ?? "—"])

    narrator.step(
        "A consumer-driven contract: the shop writes down the request it sends and the receipt fields it reads; payments' pipeline replays it against each build before deploying:"
    )
    var rows: [[String]] = []
    for (build, url) in [("payments v1 (amountCents)", services.current.url), ("payments v2 (amount)", services.renamed.url)] {
        let problems = await contract.verify(against: url)
        rows.append([
            build, problems.isEmpty ? "201, every field the shop reads" : problems.joined(separator: "; "), problems.isEmpty ? "✓ deploy" : "✗ deploy blocked",
        ])
    }
    narrator.table(["build", "the shop's contract, replayed", "pipeline"], rows)
    whereFound.append(["services, consumer-driven contract", "in payments' pipeline, before deploy", "the team that renamed it", rows.last?[1] ?? "—"])
    narrator.table(["architecture", "the break is found", "by", "as"], whereFound)
    narrator.notice(
        "between services a contract is a public API: change it by adding (accept amount beside amountCents), move every consumer, and remove the old field only when no consumer's contract names it. The compiler did that bookkeeping for free inside the monolith."
    )
}

/// Payments as it is (v1) and after the rename (v2), each on a fresh database of its own, in
/// this process on loopback.
private struct ContractServers {
    let current: LoopbackServer
    let renamed: LoopbackServer

    static func start(in folder: URL) async throws -> ContractServers {
        func serve(_ name: String, renamesAmount: Bool) async throws -> LoopbackServer {
            let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("contract-\(name).sqlite").path)
            let app = try PaymentsApp(role: .extracted, location: location, seed: lessonShop, renamesAmount: renamesAmount)
            return try await LoopbackServer.start(app.router(), name: "payments-\(name)")
        }
        return ContractServers(current: try await serve("v1", renamesAmount: false), renamed: try await serve("v2", renamesAmount: true))
    }

    func stop() async {
        await current.stop()
        await renamed.stop()
    }
}
