import ArgumentParser
import Foundation
import LessonKit
import PrematureSplitKit
import ServiceKit

/// `premature-split charge grpc://127.0.0.1:PORT --order o-1 --customer ada --cents 2500`: one
/// charge from the command line, over gRPC or over REST (http://), as act 7 makes it. gRPC has
/// no curl; this is one.
struct ChargeCall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charge",
        abstract: "Charge a customer through a running payments service, over gRPC or REST.",
        discussion: """
            Prints the charge as JSON, or says why payments refused it (exit 1): a gRPC status \
            such as FAILED_PRECONDITION, or an HTTP status. Start payments with \
            `premature-split serve payments --grpc` for grpc://, without --grpc for http://.
            """)

    @Argument(help: "Where payments listens: grpc://HOST:PORT or http://HOST:PORT.")
    var address: String

    @Option(help: "The order the charge is for.")
    var order: String

    @Option(help: "Who pays.")
    var customer: String

    @Option(parsing: .unconditional, help: "How much, in cents.")
    var cents: Int

    @Option(help: "The idempotency key: the same key and the same charge give the same answer.")
    var key: String?

    @Option(parsing: .unconditional, help: "How long to wait for an answer, in milliseconds.")
    var deadline = 2_000

    func validate() throws {
        guard Target(address) != nil else { throw ValidationError("the address must be grpc://HOST:PORT or http://HOST:PORT, got \(address)") }
        guard (1...600_000).contains(deadline) else { throw ValidationError("--deadline must be between 1 and 600000 ms, got \(deadline)") }
    }

    func run() async throws {
        let request = ChargeCustomer(orderID: order, customerID: customer, amountCents: cents)
        let key = key ?? "\(order):charge"
        switch Target(address)! {
        case .grpc(let host, let port):
            let channel = GRPCChannel(host: host, port: port)
            let outcome: Result<Charge, GRPCStatus>
            do {
                outcome = .success(try await PaymentsGRPC.charge(request, idempotencyKey: key, over: channel, deadline: .milliseconds(deadline)))
            } catch {
                outcome = .failure(error)
            }
            await channel.close()
            switch outcome {
            case .success(let charge): print(String(decoding: JSON.encode(charge), as: UTF8.self))
            case .failure(let status):
                Terminal.printError("premature-split charge: payments answered \(status)")
                if status.code == .unavailable {
                    Terminal.printError("Is payments running as gRPC there? `premature-split serve payments --grpc --port \(port)` starts it.")
                }
                throw ExitCode.failure
            }
        case .http(let url):
            let client = PaymentsClient.overHTTP(url, timeout: .milliseconds(deadline))
            do {
                switch try await client.charge(request, idempotencyKey: key) {
                case .ok(let charge): print(String(decoding: JSON.encode(charge), as: UTF8.self))
                case .errorBody(let message):
                    Terminal.printError("premature-split charge: payments answered 200 with an error: \(message)")
                    throw ExitCode.failure
                }
            } catch let error as ServiceCallError {
                Terminal.printError("premature-split charge: \(error)")
                throw ExitCode.failure
            }
        }
    }

    /// Where the call goes, read from the address.
    enum Target {
        case grpc(host: String, port: Int)
        case http(String)

        init?(_ address: String) {
            guard let url = URL(string: address), let host = url.host, !host.isEmpty, let port = url.port, (1...65_535).contains(port),
                url.path.isEmpty || url.path == "/"
            else { return nil }
            switch url.scheme {
            case "grpc": self = .grpc(host: host, port: port)
            case "http": self = .http("http://\(host):\(port)")
            default: return nil
            }
        }
    }
}
