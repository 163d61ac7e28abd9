import { useId, useState } from 'react';
import type { StaffRead, TicketDetail } from '@/api/types';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import { describeError } from '@/api/errors';
import { useNotify } from '@/hooks/useNotify';
import { useAssignTicket } from '@/services/support';
import { inputClass } from '@/utils/styles';
import { assigneeOptions } from './AssigneeOptions';

interface AssignFormProps {
  ticket: Pick<TicketDetail, 'id' | 'assignee'>;
  me: { id: number };
  /** Everyone assignable, when the user may list staff; otherwise only "Me". */
  staff: StaffRead[] | undefined;
}

export function AssignForm({ ticket, me, staff }: AssignFormProps) {
  const id = useId();
  const current = ticket.assignee ? String(ticket.assignee.id) : '';
  const [choice, setChoice] = useState(current);
  const [problem, setProblem] = useState<string | null>(null);
  const assign = useAssignTicket(ticket.id);
  const { notify } = useNotify();
  const options = [['', 'Nobody'] as const, ...assigneeOptions(me, staff, ticket.assignee)];

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const answer = await assign.mutateAsync(choice ? Number(choice) : null);
      const name = (answer as TicketDetail).assignee?.full_name;
      notify('success', name ? `Assigned to ${name}.` : 'The ticket is unassigned.');
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-3">
      {problem && <FormAlert>{problem}</FormAlert>}
      <FormField id={`${id}-assignee`} label="Assigned to" hint="The new assignee is notified.">
        <select className={inputClass} value={choice} onChange={(event) => setChoice(event.target.value)}>
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      <ActionButton type="submit" variant="secondary" icon="user" loading={assign.isPending} disabled={choice === current}>
        {choice ? 'Assign' : 'Unassign'}
      </ActionButton>
    </form>
  );
}
