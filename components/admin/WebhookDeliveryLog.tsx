import { AdminForm } from '@/components/admin/AdminForm.client';
import { Timestamp } from '@/components/site/Timestamp';
import type { DeliveryLogEntry } from '@/db/webhooks';
import { initialFormState, type FormAction } from '@/lib/newsroom/forms/admin-form';

const stateWords = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed (no more retries)' } as const;

/** An endpoint's deliveries, newest first: each with its attempts (time, status or error, duration), its body, and Replay. */
export function WebhookDeliveryLog({ endpointId, deliveries, timeZone, replay }: { endpointId: number; deliveries: readonly DeliveryLogEntry[]; timeZone: string; replay: FormAction }) {
  if (deliveries.length === 0) return <p>No deliveries yet: they appear here when a subscribed event happens.</p>;
  return (
    <ol className="webhook-log">
      {deliveries.map((delivery) => (
        <li key={delivery.id} className="webhook-log__delivery" id={`delivery-${delivery.id}`}>
          <h3>
            Delivery {delivery.id}: <code>{delivery.eventType}</code> — {stateWords[delivery.state]}
          </h3>
          <p>
            Queued <Timestamp epochMs={delivery.createdAt} timeZone={timeZone} />; webhook-id <code>{delivery.messageId}</code>; {delivery.attempts}{' '}
            {delivery.attempts === 1 ? 'attempt' : 'attempts'}
            {delivery.state === 'pending' && (
              <>
                ; next <Timestamp epochMs={delivery.nextAttemptAt} timeZone={timeZone} />
              </>
            )}
            .
          </p>
          {delivery.log.length > 0 && (
            <table className="data-table">
              <caption className="visually-hidden">Attempts of delivery {delivery.id}</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Result</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Answer (first 1 KB)</th>
                </tr>
              </thead>
              <tbody>
                {delivery.log.map((attempt) => (
                  <tr key={attempt.id}>
                    <td>
                      <Timestamp epochMs={attempt.at} timeZone={timeZone} />
                    </td>
                    <td>{attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : 'No answer'}{attempt.error ? `: ${attempt.error}` : ''}</td>
                    <td>{attempt.durationMs} ms</td>
                    <td>
                      <code className="webhook-log__snippet">{attempt.responseSnippet}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <details>
            <summary>Body sent</summary>
            <pre className="webhook-log__payload">{delivery.payload}</pre>
          </details>
          <AdminForm id={`replay-${delivery.id}`} action={replay} initial={initialFormState()} hidden={{ id: endpointId, delivery: delivery.id }} submitLabel={`Replay delivery ${delivery.id}`} />
        </li>
      ))}
    </ol>
  );
}
