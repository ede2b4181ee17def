INSERT INTO shipment (carrier, tracking_number, status, exception_reason, status_text, location, estimated_delivery,
                      order_id, destination_zone, last_event_at, updated_at)
VALUES (:carrier, :trackingNumber, :status, :exceptionReason, :statusText, :location, :estimatedDelivery,
        :orderId, :destinationZone, :occurredAt, :now)
