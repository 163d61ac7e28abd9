import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { ActionButton } from '@/components/common/ActionButton/ActionButton';
import { FormAlert } from '@/components/common/FormField/FormAlert';
import { FormField } from '@/components/common/FormField/FormField';
import type { LoginOutcome } from '@/context/AuthContext';
import { useAuth } from '@/hooks/useAuth';
import { applyApiErrors } from '@/utils/forms';
import { checkboxClass, inputClass } from '@/utils/styles';
import { loginSchema, type LoginValues } from '@/utils/validation';

interface LoginFormProps {
  onDone: (outcome: LoginOutcome) => void;
}

export function LoginForm({ onDone }: LoginFormProps) {
  const { login } = useAuth();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { login: '', password: '', remember_me: false },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      onDone(await login(values));
    } catch (error) {
      setFormError(applyApiErrors(error, setError, ['login', 'password']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <FormAlert>{formError}</FormAlert>}
      <FormField id="login" label="Email or username" error={errors.login?.message}>
        <input
          {...register('login')}
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          className={inputClass}
          autoFocus
        />
      </FormField>
      <FormField id="password" label="Password" error={errors.password?.message}>
        <input {...register('password')} type="password" autoComplete="current-password" className={inputClass} />
      </FormField>
      <div className="flex items-center justify-between gap-4">
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <input {...register('remember_me')} type="checkbox" className={checkboxClass} />
          Remember me
        </label>
        <Link
          to="/forgot-password"
          className="text-sm font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400 dark:hover:text-indigo-300"
        >
          Forgot password?
        </Link>
      </div>
      <ActionButton type="submit" className="w-full" loading={isSubmitting}>
        Log in
      </ActionButton>
    </form>
  );
}
