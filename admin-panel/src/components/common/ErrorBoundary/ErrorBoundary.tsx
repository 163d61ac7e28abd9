import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from '@/components/common/ErrorState/ErrorState';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Changing it (e.g. the path) clears a caught error, so navigating away recovers. */
  resetKey?: string;
}

interface ErrorBoundaryState {
  error: unknown;
  key: string | undefined;
}

/** Catches render errors and failed route-chunk loads so a page never goes blank. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Unhandled error in the panel', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const chunkFailed =
      this.state.error instanceof Error && /dynamically imported module|Loading chunk/i.test(this.state.error.message);
    return (
      <div className="p-4 sm:p-6">
        <ErrorState
          error={
            chunkFailed
              ? new Error('A new version of the panel is available.')
              : this.state.error
          }
          title={chunkFailed ? 'This page needs a reload' : 'This page could not be shown'}
          onRetry={() => window.location.reload()}
        />
      </div>
    );
  }
}
