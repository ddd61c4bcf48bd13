import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import './index.css';

/**
 * One form field: its label, the control, a hint, and the error about this field right under it
 * (not in a list at the end of the form).
 */
export function Field(props: { name: string; label: string; hint?: string; error?: string; children: ReactNode; className?: string }) {
  return (
    <View className={`field ${props.error ? 'field--invalid' : ''} ${props.className ?? ''}`} data-field={props.name}>
      <Text className="field-label">{props.label}</Text>
      {props.children}
      {props.hint && <Text className="field-hint">{props.hint}</Text>}
      <FieldError name={props.name} message={props.error} />
    </View>
  );
}

export function FieldError(props: { name: string; message?: string }) {
  if (!props.message) return null;
  return (
    <Text className="field-error" data-error-for={props.name}>
      {props.message}
    </Text>
  );
}

/** A refusal that belongs to no single field, shown above the form's buttons. */
export function FormError(props: { message?: string }) {
  if (!props.message) return null;
  return <Text className="field-error form-error">{props.message}</Text>;
}
