import Foundation
import LessonKit
import PrematureSplitKit
import ServiceKit
import Shop
import WorkbookKit

/// What every act needs: the narrator, the saga under study, the generated orders, and a way to
/// start a fresh split shop.
final class Stage: Sendable {
    let narrator: Narrator
    let saga: SagaOrchestrator
    let implementation: Implementation
    let orders: [SplitOrder]
    let seed: UInt64
    let faultRate: Double
    let placement: Placement
    /// Where the services' SQLite files go; removed at the end.
    let folder: URL
    /// How long a call that meets a timeout fault waits: its service holds it this long, then
    /// answers 504 (no answer in time), which the client takes as no answer. The wait is the
    /// seeded plan's, so the same seed gives the same outcomes however busy the machine is.
    static let timeout = Duration.milliseconds(200)
    /// The client's own deadline, for a call that is only slow: long enough that a healthy call
    /// on a busy machine is never cut off, which would change the run.
    static let deadline = Duration.seconds(2)
    var timeout: Duration { Self.timeout }
    /// The shop's stock and money, scaled so that every generated order fits.
    static let scale = 100
    /// What the naive checkout of act 2 cost, for act 3 to compare with.
    let naiveCost = Locked<Cost?>(nil)
    /// How many orders act 4 completed while payments was down, of how many it tried.
    let paymentsDown = Locked<(completed: Int, attempted: Int)?>(nil)

    init(
        narrator: Narrator, saga: @escaping SagaOrchestrator, implementation: Implementation, orders: Int, seed: UInt64, faultRate: Double, placement: Placement
    ) throws {
        self.narrator = narrator
        self.saga = saga
        self.implementation = implementation
        self.seed = seed
        self.faultRate = faultRate
        self.placement = placement
        self.orders = Self.generate(orders, seed: seed)
        folder = try ScratchFolder.make("premature-split")
    }

    /// Runs one act; an error ends the act with a message, not the lesson with a stack trace.
    func run(_ number: Int, _ title: String, _ act: (Stage) async throws -> Void) async {
        await narrator.act(number, title) { try await act(self) }
    }

    /// Every shop an act started, for `cleanUp` to stop when an act ends early.
    private let launched = Locked<[RunningShop]>([])

    /// Starts the three services, each on a new database file named after `label`.
    func launch(_ label: String) async throws -> RunningShop {
        let running = try await RunningShop.launch(placement: placement, folder: folder, label: label, scale: Self.scale, timeout: Self.deadline)
        launched.withLock { $0.append(running) }
        return running
    }

    /// A policy for the saga: three attempts, 5 ms then 10 ms apart, on the real clock.
    var policy: SagaPolicy { SagaPolicy(attempts: 3, backoff: .milliseconds(5), clock: SystemClock()) }

    /// The fault plan of acts 2 and 3 for one service: the same every run with the same seed.
    func faults(for name: ServiceName) -> FaultPlan {
        let index = UInt64(ServiceName.allCases.firstIndex(of: name)!)
        return FaultPlan(rate: faultRate, kinds: [.serverError, .timeout, .errorBody, .lostResponse], seed: seed &* 31 &+ index)
    }

    /// Every set of payments doors act 7 opened, for `cleanUp` to stop.
    private let doors = Locked<[PaymentsDoors]>([])

    /// Payments behind REST, gRPC and a queue, each on a new database file; none started yet.
    func openDoors() -> PaymentsDoors {
        let opened = PaymentsDoors(placement: placement, folder: folder)
        doors.withLock { $0.append(opened) }
        return opened
    }

    /// Stops every service still running and removes the services' files: after the last act,
    /// after an act that failed, and after Ctrl-C.
    func cleanUp() async {
        for running in launched.withLock({ $0 }) { await running.stop() }
        for opened in doors.withLock({ $0 }) { await opened.stopAll() }
        await ScratchFolder.remove(folder)
    }

    /// Orders of one to two lines, from the standard shop's customers and products.
    static func generate(_ count: Int, seed: UInt64) -> [SplitOrder] {
        var random = SeededRandom(seed: seed)
        let customers = ShopSeed.standard.customers.map(\.id.rawValue)
        let products = ShopSeed.standard.products.map(\.id.rawValue)
        return (1...count).map { number in
            let lines = (0..<Int.random(in: 1...2, using: &random)).map { _ in
                LineItem(productID: products.randomElement(using: &random)!, quantity: Int.random(in: 1...2, using: &random))
            }
            return SplitOrder(orderID: "order-\(number)", customerID: customers.randomElement(using: &random)!, lines: lines)
        }
    }
}
