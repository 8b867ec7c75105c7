import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-types';

type Schemas = components['schemas'];
export type User = Schemas['UserDto'];
export type NewUser = Schemas['CreateUserDto'];
export type CreatedUser = Schemas['CreatedUserDto'];

export function useUsers() {
  return useQuery({ queryKey: ['users', 'all'], queryFn: () => api.get<User[]>('/v1/users?limit=500') });
}

/** The answer carries the one-time password, shown once. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => api.post<CreatedUser>('/v1/users', user),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
