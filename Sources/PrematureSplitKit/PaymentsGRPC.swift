import Foundation
import ServiceKit

/// Payments' gRPC door: `shop.payments.Payments/Charge`, as Lessons/02-premature-split/
/// payments.proto declares it, over the same service, rules and database as POST /charge.
public enum PaymentsGRPC {
    public static let service = "shop.payments.Payments"
    /// The method's path, as a client sends it.
    public static let chargePath = "/\(service)/Charge"

    /// The gRPC methods for `payments`, by path.
    public static func methods(_ payments: PaymentsService) -> [String: GRPCServer.Method] {
        [
            chargePath: { message, metadata in
                let request: ChargeCustomer
                do { request = try ChargeCustomer(protobuf: message) } catch { return .failure(GRPCStatus(.invalidArgument, "ChargeRequest: \(error)")) }
                return reply(await payments.charge(request, idempotencyKey: metadata["idempotency-key"]))
            }
        ]
    }

    /// The service's answer as gRPC: the charge as a ChargeReply, or a refusal as the status
    /// gRPC has for it.
    static func reply(_ answer: Answer) -> Result<[UInt8], GRPCStatus> {
        guard answer.isSuccess else {
            let message = answer.errorMessage ?? "HTTP \(answer.status)"
            return switch answer.status {
            case 400, 422: .failure(GRPCStatus(.invalidArgument, message))
            case 402: .failure(GRPCStatus(.failedPrecondition, message))
            default: .failure(GRPCStatus(.internal, message))
            }
        }
        guard let charge = try? JSONDecoder().decode(Charge.self, from: answer.body) else {
            return .failure(GRPCStatus(.internal, "the stored answer is not a charge"))
        }
        return .success(charge.protobuf)
    }

    /// Charges over `channel`, with the idempotency key in the call's metadata.
    public static func charge(
        _ request: ChargeCustomer, idempotencyKey key: String, over channel: GRPCChannel, deadline: Duration
    ) async throws(GRPCStatus) -> Charge {
        let reply = try await channel.call(chargePath, request.protobuf, metadata: [("idempotency-key", key)], deadline: deadline)
        do { return try Charge(protobuf: reply) } catch { throw GRPCStatus(.internal, "ChargeReply: \(error)") }
    }
}

extension ChargeCustomer {
    /// ChargeRequest: order_id = 1, customer_id = 2, amount_cents = 3.
    public var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        writer.string(1, orderID)
        writer.string(2, customerID)
        writer.int64(3, amountCents)
        return writer.bytes
    }

    public init(protobuf bytes: [UInt8]) throws(ProtobufError) {
        let reader = try ProtobufReader(bytes)
        self.init(orderID: try reader.string(1), customerID: try reader.string(2), amountCents: reader.int64(3))
    }
}

extension Charge {
    /// ChargeReply: charge_id = 1, amount_cents = 2.
    public var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        writer.string(1, chargeID)
        writer.int64(2, amountCents)
        return writer.bytes
    }

    public init(protobuf bytes: [UInt8]) throws(ProtobufError) {
        let reader = try ProtobufReader(bytes)
        self.init(chargeID: try reader.string(1), amountCents: reader.int64(2))
    }
}
